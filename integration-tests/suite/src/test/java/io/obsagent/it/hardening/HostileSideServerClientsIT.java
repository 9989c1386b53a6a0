package io.obsagent.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.KeepAliveConnection;
import io.obsagent.it.harness.PrometheusText;
import io.obsagent.it.harness.RawResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * agent/SPEC.md §3 and §6 for the side server: while it is abused all at once, by 200 connections held open, slow-loris
 * clients sending their request one byte a second, 50 MB request bodies, garbage instead of HTTP and wrong
 * credentials in a loop, it answers every liveness probe within a second, the process's threads and file
 * descriptors stay bounded, and the application serves its API throughout.
 */
@Tag("hardening")
class HostileSideServerClientsIT {

    private static final Duration ABUSE = Duration.ofSeconds(20);
    private static final int HELD_OPEN = 200;
    private static final int SLOW_LORIS = 100;
    private static final int HUGE_BODY_BYTES = 50 * 1024 * 1024;
    /** The kubelet's default probe timeout is 1 s: every probe must be answered within it. */
    private static final long PROBE_LIMIT_MILLIS = 1000;
    private static final Duration PROBE_EVERY = Duration.ofMillis(250);
    /**
     * Threads the process may have beyond its count before the abuse: the side server's own (its I/O thread and
     * at most six workers, started on demand) and a few of Tomcat's pool for the API calls
     * made meanwhile. However many clients there are, the server starts no thread per connection.
     */
    private static final int THREAD_GROWTH_BOUND = 10;
    /**
     * File descriptors the process may have beyond its count before the abuse. The side server keeps at most 64
     * connections open (it closes the longest-waiting one for a newcomer), a socket closed while registered with
     * a selector is released at that selector's next round, each worker may hold a selector while it writes to a
     * slow reader, and the application has its own: measured peaks 81 to 144 over a baseline of 18. The abuse
     * opens more than 10 000 connections, so a descriptor kept per connection would show in the thousands.
     */
    private static final int DESCRIPTOR_GROWTH_BOUND = 200;
    /** Afterwards the count is back where it was, give or take the application's own. */
    private static final int DESCRIPTORS_LEFT_BOUND = 8;
    private static final String CREDENTIALS = "ops:secret";
    /**
     * A pause after each round of the busy attacks (bodies, garbage, credentials), so that three loops of this JVM
     * do not take both CPUs from the application and the prober: the test is about the server, not about the
     * machine's scheduler. Paced, each loop still makes thousands of attempts in the 20 s.
     */
    private static final long PACE_MILLIS = 2;

    @Test
    void probesAreAnsweredWithinASecondWhileHostileClientsAbuseTheSideServer() throws Exception {
        try (AppProcess app = AppProcess.builder(Apps.sampleApp()).withAgent("server.auth=basic:" + CREDENTIALS).start()) {
            app.awaitReady();
            app.awaitHttpOk(app.sideUrl("/health/ready"), AppProcess.STARTUP_TIMEOUT);
            AppJvm jvm = new AppJvm(app);
            for (int i = 0; i < 10; i++) { // every side-server thread that serving starts, started
                assertThat(probe(app).status).isEqualTo(200);
                assertThat(Http.get(app.sideUrl("/metrics"), "Authorization", basic(CREDENTIALS)).status()).isEqualTo(200);
                assertThat(Http.get(app.appUrl("/api/v1/tasks")).status()).isEqualTo(200);
            }
            int threadsBefore = jvm.threadCount();
            int descriptorsBefore = descriptors(app);

            Abuse abuse = new Abuse(app);
            List<Long> probeMillis = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            int maxThreads = threadsBefore;
            int maxDescriptors = descriptorsBefore;
            int apiCalls = 0;
            long end = System.nanoTime() + ABUSE.toNanos();
            abuse.start();
            try {
                while (System.nanoTime() < end) {
                    long next = System.nanoTime() + PROBE_EVERY.toNanos();
                    Probe probe = probe(app);
                    probeMillis.add(probe.millis);
                    if (probe.status != 200 || probe.millis > PROBE_LIMIT_MILLIS) {
                        failures.add("probe: " + probe);
                    }
                    try {
                        HttpResult api = Http.get(app.appUrl("/api/v1/tasks"), Duration.ofSeconds(10));
                        apiCalls++;
                        if (api.status() != 200) {
                            failures.add("API: status " + api.status());
                        }
                    } catch (UncheckedIOException e) {
                        failures.add("API: " + e.getCause());
                    }
                    maxThreads = Math.max(maxThreads, jvm.threadCount());
                    maxDescriptors = Math.max(maxDescriptors, descriptors(app));
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            } finally {
                abuse.stop();
            }
            int threadsAfter = jvm.threadCount();
            int descriptorsAfter = descriptors(app);

            Collections.sort(probeMillis);
            String figures = String.format("side server abused for %s: %d probes, latency p50 %d ms, p99 %d ms, max %d ms;"
                            + " %d API calls; threads %d before, at most %d during, %d after;"
                            + " file descriptors %d before, at most %d during, %d after;%n  %s",
                    ABUSE, probeMillis.size(), percentile(probeMillis, 0.5), percentile(probeMillis, 0.99),
                    probeMillis.get(probeMillis.size() - 1), apiCalls, threadsBefore, maxThreads, threadsAfter,
                    descriptorsBefore, maxDescriptors, descriptorsAfter, abuse.figures());
            System.out.println(figures);

            assertThat(failures).as(figures).isEmpty();
            assertThat(abuse.failures).as(figures).isEmpty();
            assertThat(maxThreads).as(figures).isLessThanOrEqualTo(threadsBefore + THREAD_GROWTH_BOUND);
            assertThat(maxDescriptors).as(figures).isLessThanOrEqualTo(descriptorsBefore + DESCRIPTOR_GROWTH_BOUND);
            assertThat(descriptorsAfter).as(figures).isLessThanOrEqualTo(descriptorsBefore + DESCRIPTORS_LEFT_BOUND);
            assertThat(abuse.hugeBodies.get()).as("50 MB bodies sent").isPositive();
            assertThat(abuse.garbage.get()).as("garbage connections").isPositive();
            assertThat(abuse.wrongCredentials.get()).as("wrong credentials").isPositive();
            assertThat(Http.get(app.sideUrl("/metrics"), "Authorization", basic(CREDENTIALS)).status()).isEqualTo(200);
            HostileRequestsIT.assertAgentLinesUnforged(app.stdoutLines(), Set.of("server_timeout", "server_busy"));
            PrometheusText metrics = PrometheusText.parse(
                    Http.get(app.sideUrl("/metrics"), "Authorization", basic(CREDENTIALS)).body());
            assertThat(metrics.sum("obs_agent_errors_total", Map.of("where", "server"))).as("faults of the server itself").isZero();
            assertThat(app.isAlive()).isTrue();
        }
    }

    /** A liveness probe as the kubelet makes it: a new connection, one GET, the answer read to its end. */
    private static Probe probe(AppProcess app) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), app.sidePort()), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: kube-probe/1.31\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readAllBytes();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
            return new Probe(status, millis, text.contains("\"status\":\"ok\"") ? "" : text);
        } catch (IOException e) {
            return new Probe(-1, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), e.toString());
        }
    }

    private record Probe(int status, long millis, String detail) {
    }

    /** The hostile clients, each on threads of its own, until {@link #stop()}. */
    private static final class Abuse {

        private final AppProcess app;
        private final ExecutorService threads = Executors.newCachedThreadPool();
        private final List<Future<?>> running = new ArrayList<>();
        private final List<Socket> heldOpen = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean stopping;
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicInteger heldOpenClosedByServer = new AtomicInteger();
        final AtomicInteger slowLorisConnections = new AtomicInteger();
        final AtomicInteger slowLorisCutOff = new AtomicInteger();
        final AtomicInteger hugeBodies = new AtomicInteger();
        final AtomicLong largestBodyPartSent = new AtomicLong();
        final ConcurrentLinkedQueue<String> hugeBodyAnswers = new ConcurrentLinkedQueue<>();
        final AtomicInteger garbage = new AtomicInteger();
        final ConcurrentLinkedQueue<String> garbageAnswers = new ConcurrentLinkedQueue<>();
        final AtomicInteger wrongCredentials = new AtomicInteger();
        final AtomicInteger wrongCredentialRetries = new AtomicInteger();

        Abuse(AppProcess app) {
            this.app = app;
        }

        void start() {
            running.add(threads.submit(this::holdOpen));
            running.add(threads.submit(this::slowLoris));
            running.add(threads.submit(this::hugeBodies));
            running.add(threads.submit(this::garbage));
            running.add(threads.submit(this::wrongCredentials));
        }

        void stop() throws Exception {
            stopping = true;
            for (Future<?> client : running) {
                try {
                    client.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add("client failed: " + e.getCause());
                }
            }
            synchronized (heldOpen) {
                for (Socket socket : heldOpen) {
                    closeQuietly(socket);
                }
            }
            threads.shutdownNow();
        }

        String figures() {
            return String.format("%d connections held open (%d closed by the server); %d slow-loris connections (%d cut off);"
                            + " %d bodies of 50 MB (at most %.1f MB of one sent; answers %s);"
                            + " %d garbage connections (answers %s); %d wrong credentials answered 401 (%d sent again)",
                    HELD_OPEN, heldOpenClosedByServer.get(), slowLorisConnections.get(), slowLorisCutOff.get(),
                    hugeBodies.get(), largestBodyPartSent.get() / 1e6, distinct(hugeBodyAnswers),
                    garbage.get(), distinct(garbageAnswers), wrongCredentials.get(), wrongCredentialRetries.get());
        }

        /** 200 connections that send nothing, opened at once and left open; which ones the server closed is counted. */
        private Void holdOpen() throws Exception {
            for (int i = 0; i < HELD_OPEN && !stopping; i++) {
                Socket socket = new Socket();
                try {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), app.sidePort()), 5000);
                } catch (IOException refused) {
                    failures.add("holding connection " + i + " could not connect: " + refused);
                    socket.close();
                    continue;
                }
                socket.setSoTimeout(1);
                heldOpen.add(socket);
            }
            while (!stopping) {
                TimeUnit.MILLISECONDS.sleep(500);
            }
            synchronized (heldOpen) {
                for (Socket socket : heldOpen) {
                    try {
                        if (socket.getInputStream().read() == -1) {
                            heldOpenClosedByServer.incrementAndGet();
                        }
                    } catch (java.net.SocketTimeoutException stillOpen) {
                        // the server kept it open
                    } catch (IOException reset) {
                        heldOpenClosedByServer.incrementAndGet();
                    }
                }
            }
            return null;
        }

        /** Request heads sent one byte a second, over many connections; one the server closes is replaced. */
        private Void slowLoris() throws Exception {
            List<Socket> sockets = new ArrayList<>();
            try {
                while (!stopping) {
                    while (sockets.size() < SLOW_LORIS) {
                        Socket socket = new Socket(InetAddress.getLoopbackAddress(), app.sidePort());
                        socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                        sockets.add(socket);
                        slowLorisConnections.incrementAndGet();
                    }
                    for (int i = sockets.size() - 1; i >= 0; i--) {
                        try {
                            sockets.get(i).getOutputStream().write('a');
                        } catch (IOException closedByServer) {
                            slowLorisCutOff.incrementAndGet();
                            closeQuietly(sockets.remove(i));
                        }
                    }
                    TimeUnit.SECONDS.sleep(1);
                }
            } finally {
                sockets.forEach(Abuse::closeQuietly);
            }
            return null;
        }

        /**
         * POSTs of 50 MB to /metrics, one after the other: the server answers without reading the body (or closes the
         * connection), so no body is ever sent, let alone stored, whole.
         */
        private Void hugeBodies() throws Exception {
            byte[] chunk = new byte[64 * 1024];
            new Random(3).nextBytes(chunk);
            while (!stopping) {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), app.sidePort())) {
                    socket.setSoTimeout(10_000);
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                            + HUGE_BODY_BYTES + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    Future<String> answer = threads.submit(() -> statusLine(socket.getInputStream()));
                    long sent = 0;
                    try {
                        while (sent < HUGE_BODY_BYTES && !stopping) {
                            out.write(chunk);
                            sent += chunk.length;
                        }
                    } catch (IOException closedByServer) {
                        // expected: the server stopped taking the body
                    }
                    largestBodyPartSent.accumulateAndGet(sent, Math::max);
                    hugeBodies.incrementAndGet();
                    String status = answer.get(15, TimeUnit.SECONDS);
                    hugeBodyAnswers.add(status);
                    if (sent >= HUGE_BODY_BYTES) {
                        failures.add("the server took a whole 50 MB body (answer: " + status + ")");
                    }
                }
                TimeUnit.MILLISECONDS.sleep(PACE_MILLIS);
            }
            return null;
        }

        /** Random bytes, a TLS hello, a line without end, an HTTP/2 preface: each answered 400 or closed promptly. */
        private Void garbage() throws Exception {
            Random random = new Random(5);
            List<byte[]> kinds = List.of(
                    randomBytes(random, 4096),
                    new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03},
                    "A".repeat(200_000).getBytes(StandardCharsets.US_ASCII),
                    "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                    "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                    "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzzz\r\n".getBytes(StandardCharsets.US_ASCII),
                    ("GET /" + "a".repeat(100_000) + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                    ("GET / HTTP/1.1\r\n" + "X-A: b\r\n".repeat(20_000) + "\r\n").getBytes(StandardCharsets.US_ASCII),
                    "\r\n\r\n\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                    "GET /health/live HTTP/9.9\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                    "\u0000\u0000\u0000\u0000".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; !stopping; i++) {
                byte[] bytes = kinds.get(i % kinds.size());
                long start = System.nanoTime();
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), app.sidePort())) {
                    socket.setSoTimeout(10_000);
                    Future<String> answer = threads.submit(() -> statusLine(socket.getInputStream()));
                    try {
                        socket.getOutputStream().write(bytes);
                        socket.shutdownOutput();
                    } catch (IOException closedByServer) {
                        // the server had seen enough
                    }
                    String status = answer.get(15, TimeUnit.SECONDS);
                    garbage.incrementAndGet();
                    garbageAnswers.add(status);
                    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    if (millis > 6000) {
                        failures.add("garbage kind " + (i % kinds.size()) + " held for " + millis + " ms");
                    }
                }
                TimeUnit.MILLISECONDS.sleep(PACE_MILLIS);
            }
            return null;
        }

        /**
         * Wrong credentials on a kept-alive connection, as fast as they are answered: always 401. When the server closed
         * the idle connection meanwhile (it closes waiting connections for newcomers when full), the request is sent
         * again on a new one, as HTTP clients do; a request that fails twice is a failure.
         */
        private Void wrongCredentials() throws InterruptedException {
            Random random = new Random(9);
            try (KeepAliveConnection connection = new KeepAliveConnection(app.sidePort(), Duration.ofSeconds(10))) {
                while (!stopping) {
                    String header = "Authorization: " + basic("ops:" + HostileRequestsIT.randomToken(random, 1 + random.nextInt(12)));
                    RawResponse response;
                    try {
                        response = connection.send("GET", "/metrics", null, header);
                    } catch (UncheckedIOException closedWhileIdle) {
                        wrongCredentialRetries.incrementAndGet();
                        response = connection.send("GET", "/metrics", null, header);
                    }
                    if (response.status() != 401) {
                        failures.add("wrong credentials answered " + response.statusLine());
                        return null;
                    }
                    wrongCredentials.incrementAndGet();
                    TimeUnit.MILLISECONDS.sleep(PACE_MILLIS);
                }
            } catch (UncheckedIOException e) {
                failures.add("wrong credentials: " + e + ": " + e.getCause());
            }
            return null;
        }

        /** The status line of the answer, or how the connection ended without one. */
        private static String statusLine(InputStream in) {
            StringBuilder line = new StringBuilder();
            try {
                for (int b; (b = in.read()) != -1 && b != '\r' && b != '\n'; ) {
                    line.append((char) b);
                }
                while (in.read() != -1) {
                    // read to the end: the server closes
                }
            } catch (IOException e) {
                return line.length() > 0 ? line.substring(0, Math.min(line.length(), 12)) : "reset";
            }
            return line.length() > 0 ? line.substring(0, Math.min(line.length(), 12)) : "closed";
        }

        private static byte[] randomBytes(Random random, int length) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            return bytes;
        }

        private static String distinct(ConcurrentLinkedQueue<String> values) {
            return new java.util.TreeMap<>(values.stream().collect(java.util.stream.Collectors.groupingBy(v -> v,
                    java.util.stream.Collectors.counting()))).toString();
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private static int descriptors(AppProcess app) {
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(app.pid()), "fd"))) {
            return (int) fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long percentile(List<Long> sorted, double quantile) {
        int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
        return sorted.get(Math.max(0, index));
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
