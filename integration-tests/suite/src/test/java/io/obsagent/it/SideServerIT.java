package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.JsonLines;
import io.obsagent.it.harness.PrometheusText;
import io.obsagent.it.harness.RawHttp;
import io.obsagent.it.harness.RawResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of the side server (agent/SPEC.md §3) over real HTTP, on the sample service with the agent attached. */
@Tag("cross-jdk")
class SideServerIT {

    private static final List<String> PATHS = List.of("/", "/health/live", "/health/health", "/health/ready",
            "/metrics", "/metrics/metrics");
    private static final String PROTOBUF = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited";

    @RegisterExtension
    static final ReadySampleService SERVICE = new ReadySampleService();

    /** Test instances are made after the extension's beforeAll, so the service is up by then. */
    private final AppProcess app = SERVICE.app();

    @Test
    void indexAndProbesAnswerTheirJson() {
        HttpResult index = Http.get(app.sideUrl("/"));
        assertJson(index, 200);
        assertThat(JsonLines.parseObject(index.body())).containsExactly(
                Map.entry("name", "sample-app"), Map.entry("version", "1.0.0"),
                Map.entry("agent_version", agentStarted().get("agent_version")), Map.entry("status", "running"),
                Map.entry("health", "/health/live"), Map.entry("ready", "/health/ready"), Map.entry("metrics", "/metrics"));
        for (String live : List.of("/health/live", "/health/health")) {
            HttpResult result = Http.get(app.sideUrl(live));
            assertJson(result, 200);
            assertThat(result.body()).isEqualTo("{\"status\":\"ok\",\"service\":\"sample-app\"}");
        }
        HttpResult ready = Http.get(app.sideUrl("/health/ready"));
        assertJson(ready, 200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"ready\",\"checks\":{\"app\":\"ok\",\"database\":\"ok\"}}");
    }

    @Test
    void agentStartedNamesTheBoundAddress() {
        assertThat(agentStarted()).containsEntry("server", "0.0.0.0:" + app.sidePort());
    }

    @Test
    void metricsAndItsAliasServeTheTextFormatWithTheApplicationsRequests() {
        Http.get(app.appUrl("/api/v1/tasks"));
        Http.get(app.appUrl("/api/v1/tasks/424242"));
        for (String path : List.of("/metrics", "/metrics/metrics")) {
            HttpResult metrics = Http.get(app.sideUrl(path));
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.header("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
            PrometheusText text = PrometheusText.parse(metrics.body());
            assertThat(text.type("http_requests_total")).hasValue("counter");
            assertThat(text.value("http_requests_total",
                    PrometheusText.labels("method", "GET", "endpoint", "/api/v1/tasks", "status", "200"))).isPositive();
            assertThat(text.value("http_requests_total",
                    PrometheusText.labels("method", "GET", "endpoint", "/api/v1/tasks/{id}", "status", "404"))).isPositive();
            assertThat(text.value("obs_agent_info", PrometheusText.labels("service", "sample-app"))).isEqualTo(1.0);
        }
    }

    @Test
    void jvmAndProcessMetricsAreThereOnceTheApplicationStarted() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String body = "";
        while (!body.contains("jvm_memory_used_bytes") && System.nanoTime() < deadline) {
            body = Http.get(app.sideUrl("/metrics")).body();
            pause();
        }
        assertThat(body).contains("jvm_memory_used_bytes{", "jvm_threads_current", "jvm_gc_collection_seconds",
                "process_cpu_seconds_total", "process_open_fds", "jvm_runtime_info{");
    }

    @Test
    void openMetricsIsServedWhenAcceptedAndProtobufFallsBackToText() {
        HttpResult open = Http.get(app.sideUrl("/metrics"), "Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(open.header("Content-Type")).startsWith("application/openmetrics-text; version=1.0.0");
        assertThat(open.body()).contains("# TYPE http_requests counter").endsWith("# EOF\n");
        // The jar carries no protobuf (agent/SPEC.md §3): a scraper asking for it first gets text it can parse.
        HttpResult protobuf = Http.get(app.sideUrl("/metrics"), "Accept", PROTOBUF + ",text/plain;version=0.0.4;q=0.5");
        assertThat(protobuf.status()).isEqualTo(200);
        assertThat(protobuf.header("Content-Type")).startsWith("text/plain; version=0.0.4");
        assertThat(PrometheusText.parse(protobuf.body()).samples()).extracting(PrometheusText.Sample::name)
                .contains("obs_agent_info");
    }

    @Test
    void nameFiltersAndGzipAreHonoured() throws IOException {
        Http.get(app.appUrl("/api/v1/tasks"));
        HttpResult filtered = Http.get(app.sideUrl("/metrics?name%5B%5D=obs_agent_info&name%5B%5D=http_requests_total"));
        assertThat(PrometheusText.parse(filtered.body()).samples()).extracting(PrometheusText.Sample::name)
                .contains("obs_agent_info", "http_requests_total")
                .doesNotContain("http_request_duration_seconds_bucket", "jvm_threads_current", "http_requests_in_flight");
        RawResponse gzip = RawHttp.get(app.sidePort(), "/metrics", "Accept-Encoding: gzip");
        assertThat(gzip.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gunzip(gzip.body())).contains("# TYPE obs_agent_info gauge");
    }

    @Test
    void headWorksWhereverGetDoesAndSendsNoBody() {
        for (String path : PATHS) {
            RawResponse get = RawHttp.get(app.sidePort(), path);
            RawResponse head = head(path);
            assertThat(head.status()).as(path).isEqualTo(get.status()).isEqualTo(200);
            assertThat(head.body()).as(path).isEmpty();
            assertThat(head.header("Content-Type")).as(path).isEqualTo(get.header("Content-Type"));
            assertThat(head.header("Content-Length")).as(path).isNotNull();
            if (!path.startsWith("/metrics")) { // an exposition changes from one scrape to the next
                assertThat(head.header("Content-Length")).as(path).isEqualTo(String.valueOf(get.body().length));
            }
        }
        assertThat(head("/no/such/path").status()).isEqualTo(404);
        assertThat(head("/metrics", "Accept-Encoding: gzip").body()).isEmpty();
    }

    @Test
    void unknownPathsAre404JsonThatDoesNotReflectThePath() {
        for (String path : List.of("/nope", "/metricsx", "/metrics/", "/health", "/health/ready/", "/api/v1/tasks",
                "/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/..%2F..%2Fetc%2Fpasswd", "/" + "a".repeat(4000))) {
            RawResponse response = RawHttp.get(app.sidePort(), path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            assertThat(response.bodyText()).isEqualTo("{\"error\":\"not_found\"}");
        }
    }

    @Test
    void methodsOtherThanGetAndHeadAre405Json() {
        for (String path : PATHS) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS")) {
                HttpResult result = Http.send(method, app.sideUrl(path), "{\"ignored\":true}", "Content-Type", "application/json");
                assertJson(result, 405);
                assertThat(result.body()).isEqualTo("{\"error\":\"method_not_allowed\"}");
                assertThat(result.header("Allow")).isEqualTo("GET, HEAD");
            }
        }
    }

    @Test
    void theExpositionPassesPromtool() throws Exception {
        Path promtool = executable("promtool");
        assumeTrue(promtool != null, "promtool is not installed (Debian package 'prometheus'); scripts/test.sh installs it");
        Http.get(app.appUrl("/api/v1/tasks"));
        String exposition = Http.get(app.sideUrl("/metrics")).body();
        assertThat(exposition).contains("http_requests_total{");
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        check.getOutputStream().write(exposition.getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String report = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as("promtool check metrics:\n" + report).isZero();
        assertThat(report).isBlank();
    }

    private Map<String, Object> agentStarted() {
        app.awaitLine(JsonLines.event("agent_started"), Duration.ofSeconds(5));
        return JsonLines.of(app.stdoutLines()).singleEvent("agent_started");
    }

    private RawResponse head(String path, String... headerLines) {
        StringBuilder request = new StringBuilder("HEAD " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        return RawHttp.send(app.sidePort(), request.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void assertJson(HttpResult result, int status) {
        assertThat(result.status()).isEqualTo(status);
        assertThat(result.header("Content-Type")).isEqualTo("application/json");
    }

    private static String gunzip(byte[] body) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The named program on the PATH, or null. */
    static Path executable(String name) {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
