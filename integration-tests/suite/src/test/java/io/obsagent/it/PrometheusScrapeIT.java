package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.AppProcessBuilder;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.JsonLines;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus server (the Debian package's binary) scrapes the side server: it negotiates its own
 * format, authenticates with basic credentials, finds the application's request series, and stores the
 * exemplars of the latency buckets (OpenMetrics), which name a request's ID and trace-id.
 */
class PrometheusScrapeIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    @SuppressWarnings("unchecked")
    void aRealPrometheusScrapesTheSideServer() throws Exception {
        Path prometheus = SideServerIT.executable("prometheus");
        assumeTrue(prometheus != null, "prometheus is not installed (Debian package 'prometheus'); scripts/test.sh installs it");
        try (AppProcess app = AppProcess.builder(Apps.sampleApp()).withAgent("server.auth=basic:prom:s3cret").start()) {
            app.awaitReady();
            int webPort = AppProcessBuilder.freePort();
            Path dir = Files.createDirectories(Path.of(System.getProperty("it.work.dir", "target/it-work"),
                    "prometheus-" + System.nanoTime())).toAbsolutePath();
            Path config = Files.writeString(dir.resolve("prometheus.yml"), scrapeConfig(app.sidePort()));
            Path log = dir.resolve("prometheus.log");
            Process server = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + webPort,
                    "--enable-feature=exemplar-storage")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                URI api = URI.create("http://127.0.0.1:" + webPort);
                assertThat(query(api, server, log, "up{job=\"sample-app\"}", "1")).hasSize(1);
                assertThat(query(api, server, log, "up{job=\"without-credentials\"}", "0"))
                        .as("a scrape without credentials is refused").hasSize(1);

                for (int i = 0; i < 3; i++) {
                    assertThat(Http.get(app.appUrl("/api/v1/tasks"), "X-Request-ID", "scraped-" + i, "traceparent",
                            "00-" + TRACE_ID + "-00f067aa0ba902b7-01").status()).isEqualTo(200);
                }
                List<Map<String, Object>> requests = query(api, server, log,
                        "http_requests_total{job=\"sample-app\",method=\"GET\",endpoint=\"/api/v1/tasks\",status=\"200\"} >= 3", null);
                assertThat(requests).hasSize(1);
                assertThat(query(api, server, log, "jvm_memory_used_bytes{job=\"sample-app\",area=\"heap\"}", null)).isNotEmpty();

                // Prometheus negotiated OpenMetrics and stored the buckets' exemplars: a request's ID and trace-id.
                Map<String, Object> exemplar = exemplar(api, server, log,
                        "http_request_duration_seconds_bucket{job=\"sample-app\",endpoint=\"/api/v1/tasks\"}");
                assertThat((Map<String, Object>) exemplar.get("labels"))
                        .containsEntry("trace_id", TRACE_ID).hasEntrySatisfying("request_id", id -> assertThat(id).asString().startsWith("scraped-"));
                assertThat(Double.parseDouble((String) exemplar.get("value"))).isPositive();
            } finally {
                server.destroy();
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Polls the exemplar API until a series of the selector has one; returns the first. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> exemplar(URI api, Process server, Path log, String selector) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String last = "none";
        while (true) {
            assertThat(server.isAlive()).as("prometheus is running; its log:\n%s", read(log)).isTrue();
            long now = System.currentTimeMillis() / 1000;
            URI uri = api.resolve("/api/v1/query_exemplars?start=" + (now - 300) + "&end=" + (now + 60) + "&query="
                    + URLEncoder.encode(selector, StandardCharsets.UTF_8));
            HttpResult answer = Http.get(uri, Duration.ofSeconds(5));
            last = answer.status() + " " + answer.body();
            if (answer.status() == 200) {
                List<Map<String, Object>> series = (List<Map<String, Object>>) JsonLines.parseObject(answer.body()).get("data");
                for (Map<String, Object> one : series) {
                    List<Map<String, Object>> exemplars = (List<Map<String, Object>>) one.get("exemplars");
                    if (exemplars != null && !exemplars.isEmpty()) {
                        return exemplars.get(0);
                    }
                }
            }
            assertThat(System.nanoTime()).as("exemplars of %s within %s; last answer %s", selector, DEADLINE, last).isLessThan(deadline);
            pause();
        }
    }

    private static String scrapeConfig(int sidePort) {
        String target = "      - targets: ['127.0.0.1:" + sidePort + "']\n";
        return "global:\n"
                + "  scrape_interval: 1s\n"
                + "  scrape_timeout: 1s\n"
                + "scrape_configs:\n"
                + "  - job_name: sample-app\n"
                + "    basic_auth:\n"
                + "      username: prom\n"
                + "      password: s3cret\n"
                + "    static_configs:\n" + target
                + "  - job_name: without-credentials\n"
                + "    static_configs:\n" + target;
    }

    /**
     * Polls an instant query until it returns a series (whose value is {@code value}, when given); returns
     * the result vector.
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> query(URI api, Process server, Path log, String promql, String value) {
        URI uri = api.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String last = "none";
        while (true) {
            assertThat(server.isAlive()).as("prometheus is running; its log:\n%s", read(log)).isTrue();
            try {
                HttpResult answer = Http.get(uri, Duration.ofSeconds(5));
                last = answer.status() + " " + answer.body();
                if (answer.status() == 200) {
                    Map<String, Object> data = (Map<String, Object>) JsonLines.parseObject(answer.body()).get("data");
                    List<Map<String, Object>> result = (List<Map<String, Object>>) data.get("result");
                    if (!result.isEmpty() && (value == null || value.equals(((List<Object>) result.get(0).get("value")).get(1)))) {
                        return result;
                    }
                }
            } catch (UncheckedIOException notYetListening) {
                last = String.valueOf(notYetListening.getCause());
            }
            assertThat(System.nanoTime()).as("%s within %s; last answer %s", promql, DEADLINE, last).isLessThan(deadline);
            pause();
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
