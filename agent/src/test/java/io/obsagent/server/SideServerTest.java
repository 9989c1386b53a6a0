package io.obsagent.server;

import io.obsagent.core.config.ConfigLoader;
import io.obsagent.core.config.ServerAuth;
import io.obsagent.core.config.Settings;
import io.obsagent.core.readiness.CheckResult;
import io.obsagent.core.readiness.ReadinessChecks;
import io.obsagent.core.readiness.ReadyCheck;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SideServerTest {

    private static final List<String> PATHS = Arrays.asList("/", "/health/live", "/health/health", "/health/ready",
            "/metrics", "/metrics/metrics");

    private final RecordedFaults recorded = new RecordedFaults();
    private final AtomicReference<CheckResult> database = new AtomicReference<>(CheckResult.ok());
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SideServer server;
    private volatile long slowReadiness;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void indexAndLivenessAnswerTheirJson() throws Exception {
        start(ServerAuth.NONE, 5000, 5000);
        assertJson(get("/"), 200, "{\"name\":\"task-api\",\"version\":\"1.2.3\",\"agent_version\":\"0.9.0\","
                + "\"status\":\"running\",\"health\":\"/health/live\",\"ready\":\"/health/ready\",\"metrics\":\"/metrics\"}");
        assertJson(get("/health/live"), 200, "{\"status\":\"ok\",\"service\":\"task-api\"}");
        assertJson(get("/health/health"), 200, "{\"status\":\"ok\",\"service\":\"task-api\"}");
    }

    @Test
    void readinessIs200WhenEveryCheckIsOkAnd503NamingTheFirstFailure() throws Exception {
        start(ServerAuth.NONE, 5000, 5000);
        assertJson(get("/health/ready"), 200, "{\"status\":\"ready\",\"checks\":{\"app\":\"ok\",\"database\":\"ok\"}}");
        database.set(CheckResult.failed("Connection refused"));
        awaitStatus("/health/ready", 503);
        assertJson(get("/health/ready"), 503, "{\"status\":\"not_ready\",\"checks\":{\"app\":\"ok\",\"database\":\"failed\"},"
                + "\"error\":\"database: Connection refused\"}");
    }

    @Test
    void metricsAreTextByDefaultOpenMetricsOnRequestFilteredByNameAndGzipped() throws Exception {
        start(ServerAuth.NONE, 5000, 5000);
        Counter.builder().name("test_things_total").help("things").register(recorded.registry).inc();
        for (String path : Arrays.asList("/metrics", "/metrics/metrics")) {
            HttpResponse<String> text = get(path);
            assertThat(text.statusCode()).isEqualTo(200);
            assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(text.body()).contains("# TYPE test_things_total counter").contains("test_things_total 1.0")
                    .contains("obs_agent_info{");
        }
        HttpResponse<String> open = send(request("/metrics").header("Accept", "application/openmetrics-text; version=1.0.0"));
        assertThat(open.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/openmetrics-text"));
        assertThat(open.body()).endsWith("# EOF\n");
        HttpResponse<String> filtered = get("/metrics?name[]=test_things_total");
        assertThat(filtered.body()).contains("test_things_total").doesNotContain("obs_agent_info");
        HttpResponse<byte[]> gzip = client.send(request("/metrics").header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gunzip(gzip.body())).contains("test_things_total 1.0");
    }

    @Test
    void headAnswersEveryPathLikeGetWithoutABody() throws Exception {
        start(ServerAuth.NONE, 5000, 5000);
        for (String path : PATHS) {
            HttpResponse<String> get = get(path);
            HttpResponse<String> head = send(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode());
            assertThat(head.body()).as(path).isEmpty();
            assertThat(head.headers().firstValue("Content-Type")).as(path).isEqualTo(get.headers().firstValue("Content-Type"));
            if (!path.startsWith("/metrics")) { // the exposition changes between two scrapes
                assertThat(head.headers().firstValue("Content-Length")).as(path).hasValue(
                        String.valueOf(get.body().getBytes(StandardCharsets.UTF_8).length));
            }
        }
        HttpResponse<String> headGzip = send(request("/metrics").header("Accept-Encoding", "gzip")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(headGzip.statusCode()).isEqualTo(200);
        assertThat(headGzip.body()).isEmpty();
        assertThat(send(request("/nope").method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(404);
    }

    @Test
    void unknownPathsAre404JsonWithoutReflectingThePath() throws Exception {
        start(ServerAuth.NONE, 5000, 5000);
        for (String path : Arrays.asList("/nope", "/metricsx", "/metrics/", "/health", "/health/live/x",
                "/%3Cscript%3Ealert(1)%3C/script%3E", "/metrics/metrics/metrics")) {
            HttpResponse<String> response = get(path);
            assertJson(response, 404, "{\"error\":\"not_found\"}");
        }
    }

    @Test
    void methodsOtherThanGetAndHeadAre405Json() throws Exception {
        start(ServerAuth.NONE, 5000, 5000);
        for (String path : PATHS) {
            for (String method : Arrays.asList("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW", "get")) {
                HttpResponse<String> response = send(request(path).method(method, HttpRequest.BodyPublishers.ofString("x=1")));
                assertJson(response, 405, "{\"error\":\"method_not_allowed\"}");
                assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
            }
        }
    }

    @Test
    void aRequestBodyIsIgnoredAndTheConnectionStaysUsable() throws Exception {
        start(ServerAuth.NONE, 5000, 5000);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /health/live HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world"
                    + "POST /health/live HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                    + "GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String all = new String(readAll(socket.getInputStream()), StandardCharsets.US_ASCII);
            assertThat(all.split("HTTP/1.1 ", -1)).hasSize(4);
            assertThat(all).contains("HTTP/1.1 200 OK").contains("HTTP/1.1 405 Method Not Allowed");
            assertThat(all.lastIndexOf("HTTP/1.1 200 OK")).isGreaterThan(all.indexOf("HTTP/1.1 405"));
        }
    }

    @Test
    void credentialsGuardMetricsAndIndexButNotTheProbes() throws Exception {
        start(auth("basic:prom:s3cret"), 5000, 5000);
        String right = "Basic " + Base64.getEncoder().encodeToString("prom:s3cret".getBytes(StandardCharsets.UTF_8));
        for (String path : Arrays.asList("/", "/metrics", "/metrics/metrics")) {
            for (String wrong : Arrays.asList(null, "Basic " + Base64.getEncoder().encodeToString("prom:wrong".getBytes()),
                    "Basic " + Base64.getEncoder().encodeToString("other:s3cret".getBytes()), "Bearer s3cret", "garbage")) {
                HttpRequest.Builder request = request(path);
                if (wrong != null) {
                    request.header("Authorization", wrong);
                }
                HttpResponse<String> response = send(request);
                assertJson(response, 401, "{\"error\":\"unauthorized\"}");
                assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"obs-agent\", charset=\"UTF-8\"");
            }
            assertThat(send(request(path).header("Authorization", right)).statusCode()).isEqualTo(200);
        }
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/health/health").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(get("/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void bearerTokenGuardsTheSamePaths() throws Exception {
        start(auth("bearer:tok-123"), 5000, 5000);
        HttpResponse<String> denied = send(request("/metrics").header("Authorization", "Bearer tok-12"));
        assertJson(denied, 401, "{\"error\":\"unauthorized\"}");
        assertThat(denied.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"obs-agent\"");
        assertThat(send(request("/metrics").header("Authorization", "Bearer tok-123")).statusCode()).isEqualTo(200);
        assertThat(send(request("/").header("Authorization", "Bearer tok-123")).statusCode()).isEqualTo(200);
    }

    @Test
    void aSlowClientIsCutOffAtTheRequestDeadlineWhileOthersAreServed() throws Exception {
        start(ServerAuth.NONE, 300, 5000);
        try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            slow.setSoTimeout(10_000);
            slow.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            assertThat(get("/health/live").statusCode()).isEqualTo(200);
            long start = System.nanoTime();
            assertThat(slow.getInputStream().read()).as("connection closed by the server").isEqualTo(-1);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
        }
        awaitCount("server_timeout", 1.0); // counted just after the interrupt that closed the connection
        assertThat(recorded.events()).contains("a request did not arrive within 300 ms");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void aSlowAnswerIsGivenTheLongerExchangeDeadlineAndCutOffAfterIt() throws Exception {
        slowReadiness = 600;
        start(ServerAuth.NONE, 300, 5000);
        assertThat(get("/health/ready").statusCode()).as("a handler slower than the request deadline").isEqualTo(200);
        server.stop();
        slowReadiness = 3000;
        start(ServerAuth.NONE, 300, 1000);
        long started = System.nanoTime();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /health/ready HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            // A raw socket: an HTTP client would retry the GET on a fresh connection.
            assertThat(readAllOrReset(socket.getInputStream())).as("no answer, the connection is closed").isEmpty();
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2900);
        awaitCount("server_timeout", 1.0);
        assertThat(recorded.events()).contains("an exchange took longer than 1000 ms");
    }

    @Test
    void aNewcomerBeyondTheConnectionCapClosesTheConnectionWaitingLongestAndIsServed() throws Exception {
        start(ServerAuth.NONE, new ServerLimits(8, 30_000, 2000, 5000));
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                idle.add(connect());
                awaitOpenConnections(i + 1);
            }
            assertThat(get("/health/live").statusCode()).isEqualTo(200);
            Socket oldest = idle.get(0);
            oldest.setSoTimeout(5000);
            assertThat(readAllOrReset(oldest.getInputStream())).as("the longest waiting connection was closed").isEmpty();
            assertThat(server.openConnections()).isLessThanOrEqualTo(8);
            assertThat(recorded.count("server_busy")).isGreaterThanOrEqualTo(1.0);
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void aConnectionThatHasServedARequestIsClosedForANewcomerOnlyAfterTheOthers() throws Exception {
        start(ServerAuth.NONE, new ServerLimits(4, 30_000, 2000, 5000));
        List<Socket> sockets = new ArrayList<>();
        try {
            Socket keptAlive = connect();
            sockets.add(keptAlive);
            keptAlive.setSoTimeout(5000);
            assertThat(exchange(keptAlive, "/health/live")).startsWith("HTTP/1.1 200 OK");
            for (int i = 0; i < 3; i++) {
                sockets.add(connect());
                awaitOpenConnections(i + 2);
            }
            assertThat(get("/health/live").statusCode()).isEqualTo(200);
            Socket firstIdle = sockets.get(1);
            firstIdle.setSoTimeout(5000);
            assertThat(readAllOrReset(firstIdle.getInputStream())).as("the oldest connection that never had a request").isEmpty();
            assertThat(exchange(keptAlive, "/health/live")).as("the kept-alive one still serves").startsWith("HTTP/1.1 200 OK");
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void probesAreAnsweredAtOnceWhileManyClientsSendTheirRequestsSlowly() throws Exception {
        start(ServerAuth.NONE, 5000, 5000);
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) { // ten times as many as there are workers
                Socket s = connect();
                s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: a".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            awaitOpenConnections(40);
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                assertThat(get("/health/live").statusCode()).isEqualTo(200);
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1000);
            }
            assertThat(serverThreads()).as("no thread per connection").hasSizeLessThanOrEqualTo(1 + WorkerPool.THREADS);
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    @Test
    void livenessDoesNotWaitForAReadinessCheckThatHangs() throws Exception {
        slowReadiness = 3000;
        start(ServerAuth.NONE, 2000, 10_000);
        Thread ready = new Thread(() -> {
            try {
                get("/health/ready");
            } catch (Exception ignored) {
                // only the wait matters
            }
        });
        ready.start();
        try {
            Thread.sleep(100);
            long started = System.nanoTime();
            assertThat(get("/health/live").statusCode()).isEqualTo(200);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(1000);
        } finally {
            ready.join(10_000);
        }
    }

    @Test
    void whenALanesWorkersAndQueueAreFullItsRequestsAre503AndCounted() throws Exception {
        slowReadiness = 1500;
        start(ServerAuth.NONE, 2000, 60_000);
        List<Socket> waiting = new ArrayList<>();
        try {
            for (int i = 0; i < WorkerPool.Lane.READY.threads + WorkerPool.QUEUE + 2; i++) {
                Socket s = connect();
                s.getOutputStream().write("GET /health/ready HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                waiting.add(s);
            }
            awaitCount("server_busy", 1.0);
            List<String> refused = new ArrayList<>();
            for (Socket s : waiting) {
                s.setSoTimeout(200);
                try {
                    if (s.getInputStream().read() == 'H') {
                        String answer = "H" + new String(readAllOrReset(s.getInputStream()), StandardCharsets.US_ASCII);
                        if (answer.startsWith("HTTP/1.1 503")) {
                            refused.add(answer);
                        }
                    }
                } catch (java.net.SocketTimeoutException stillWaiting) {
                    // queued for a worker
                }
            }
            assertThat(refused).isNotEmpty().allSatisfy(answer -> assertThat(answer)
                    .startsWith("HTTP/1.1 503 Service Unavailable").endsWith("{\"error\":\"busy\"}"));
            assertThat(get("/health/live").statusCode()).as("other lanes are free").isEqualTo(200);
        } finally {
            for (Socket s : waiting) {
                s.close();
            }
        }
    }

    @Test
    void garbageAndOversizedHeadsAreAnsweredAndClosed() throws Exception {
        start(ServerAuth.NONE, 5000, 5000);
        assertThat(raw("\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request");
        assertThat(raw("GET /health/live HTTP/2.0\r\n\r\n")).startsWith("HTTP/1.1 505 ");
        assertThat(raw("GET /health/live HTTP/1.1\r\nX-A: 1\r\n folded\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(raw("GET /health/live HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(raw("GET /health/live HTTP/1.1\r\nX-Big: " + "b".repeat(ServerLimits.MAX_HEAD_BYTES) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431 ");
        assertThat(raw("GET /health/live HTTP/1.1\r\n" + "X-A: b\r\n".repeat(RequestHead.MAX_HEADERS + 1) + "\r\n"))
                .startsWith("HTTP/1.1 431 ");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void aLargeBodyIsNeverReadTheAnswerClosesTheConnection() throws Exception {
        start(ServerAuth.NONE, 5000, 5000);
        try (Socket socket = connect()) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: " + (50 * 1024 * 1024) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]);
            out.flush();
            String answer = new String(readAllOrReset(socket.getInputStream()), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 405 Method Not Allowed").contains("Connection: close");
        }
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeQuietly() throws Exception {
        start(ServerAuth.NONE, new ServerLimits(64, 300, 2000, 5000));
        try (Socket socket = connect()) {
            socket.setSoTimeout(5000);
            assertThat(readAllOrReset(socket.getInputStream())).isEmpty();
        }
        assertThat(recorded.count("server_timeout")).isZero();
    }

    @Test
    void aFailureWhileAnsweringIs500AndCounted() throws Exception {
        start(ServerAuth.NONE, 5000, 5000);
        AtomicBoolean broken = new AtomicBoolean();
        recorded.registry.register((MultiCollector) () -> {
            if (broken.get()) {
                throw new IllegalStateException("collector broke");
            }
            return MetricSnapshots.of();
        });
        broken.set(true);
        assertJson(get("/metrics"), 500, "{\"error\":\"internal_error\"}");
        broken.set(false);
        assertThat(recorded.count("server")).isEqualTo(1.0);
        assertThat(recorded.events()).contains("\"where\":\"server\"").contains("collector broke");
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void aTakenPortFailsTheBindAndLeavesNoServerThread() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int before = serverThreads().size();
            assertThatThrownBy(() -> SideServer.bind("0.0.0.0", taken.getLocalPort(), recorded.faults))
                    .isInstanceOf(BindException.class);
            assertThat(serverThreads()).hasSize(before);
        }
        assertThatThrownBy(() -> SideServer.bind("no-such-host.invalid", 0, recorded.faults))
                .hasMessage("unknown host no-such-host.invalid");
    }

    @Test
    void theServersThreadsAreDaemonsWithAgentNames() throws Exception {
        start(ServerAuth.NONE, 5000, 5000);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(get("/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/metrics").statusCode()).isEqualTo(200);
        List<Thread> threads = serverThreads();
        assertThat(threads).extracting(Thread::getName).contains("obs-agent-http-io", "obs-agent-http-live-1",
                "obs-agent-http-ready-1", "obs-agent-http-1");
        assertThat(threads).hasSizeLessThanOrEqualTo(1 + WorkerPool.THREADS);
        assertThat(threads).allMatch(Thread::isDaemon);
    }

    @Test
    void theAddressIsTheBoundOneWithTheRealPort() throws Exception {
        start(ServerAuth.NONE, 5000, 5000);
        assertThat(server.address()).isEqualTo("127.0.0.1:" + server.port());
        assertThat(server.port()).isPositive();
        SideServer wildcard = SideServer.bind("0.0.0.0", 0, recorded.faults);
        try {
            assertThat(wildcard.address()).isEqualTo("0.0.0.0:" + wildcard.port());
        } finally {
            wildcard.stop();
        }
    }

    @Test
    void startingAndServingSetsNoSystemProperty() throws Exception {
        Properties before = (Properties) System.getProperties().clone();
        start(ServerAuth.NONE, 5000, 5000);
        get("/metrics");
        get("/health/live");
        assertThat(System.getProperties()).isEqualTo(before);
    }

    private void start(ServerAuth auth, long requestDeadlineMillis, long deadlineMillis) throws IOException {
        start(auth, new ServerLimits(ServerLimits.MAX_CONNECTIONS, ServerLimits.IDLE_MILLIS, requestDeadlineMillis, deadlineMillis));
    }

    private void start(ServerAuth auth, ServerLimits limits) throws IOException {
        List<ReadyCheck> checks = Arrays.asList(check("app", () -> CheckResult.ok()), check("database", () -> {
            if (slowReadiness > 0) {
                try {
                    Thread.sleep(slowReadiness);
                } catch (InterruptedException e) {
                    return CheckResult.failed("interrupted");
                }
            }
            return database.get();
        }));
        server = SideServer.bind("127.0.0.1", 0, limits);
        server.start(new ServiceInfo("task-api", "1.2.3", "0.9.0"), auth, recorded.registry,
                new ReadinessChecks(checks, ReadinessChecks.pool(), 2000, 0, System::nanoTime), recorded.faults);
    }

    private static ReadyCheck check(String name, java.util.function.Supplier<CheckResult> result) {
        return new ReadyCheck() {
            public String name() {
                return name;
            }

            public CheckResult run(int timeoutMillis) {
                return result.get();
            }
        };
    }

    private Socket connect() throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), server.port());
    }

    private void awaitOpenConnections(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.openConnections() < count) {
            assertThat(System.nanoTime()).as("%d connections open within 10 s", count).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** One GET on a kept-alive connection; returns the response head and body (read by its Content-Length). */
    private static String exchange(Socket socket, String path) throws IOException {
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("Content-Length: (\\d+)").matcher(head);
        int n = length.find() ? Integer.parseInt(length.group(1)) : 0;
        byte[] body = new byte[n];
        for (int read = 0; read < n; ) {
            int r = in.read(body, read, n - read);
            if (r < 0) {
                throw new IOException("closed in the body");
            }
            read += r;
        }
        return head + new String(body, StandardCharsets.UTF_8);
    }

    /** Sends the bytes (ISO-8859-1) on a new connection and returns all the server answers before it closes. */
    private String raw(String request) throws IOException {
        try (Socket socket = connect()) {
            socket.setSoTimeout(5000);
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException closedEarly) {
                // the server answered before it read everything
            }
            return new String(readAllOrReset(socket.getInputStream()), StandardCharsets.ISO_8859_1);
        }
    }

    private static List<Thread> serverThreads() {
        List<Thread> found = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("obs-agent-http") || t.getName().equals("HTTP-Dispatcher")) {
                found.add(t);
            }
        }
        return found;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(10));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(request(path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitCount(String where, double atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (recorded.count(where) < atLeast) {
            assertThat(System.nanoTime()).as("obs_agent_errors_total{where=%s} reaches %s within 10 s", where, atLeast)
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private void awaitStatus(String path, int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (get(path).statusCode() != status) {
            assertThat(System.nanoTime()).as(path + " answers " + status + " within 10 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void assertJson(HttpResponse<String> response, int status, String body) {
        assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo(body);
    }

    private static ServerAuth auth(String text) {
        Properties props = new Properties();
        props.setProperty("obs.server.auth", text);
        return ConfigLoader.load(null, props, Collections.emptyMap()).get(Settings.SERVER_AUTH);
    }

    private static String gunzip(byte[] gz) throws IOException {
        return new String(readAll(new GZIPInputStream(new java.io.ByteArrayInputStream(gz))), StandardCharsets.UTF_8);
    }

    /** What arrived before the server closed (or reset) the connection. */
    private static byte[] readAllOrReset(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // keep what came
        }
        return out.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
