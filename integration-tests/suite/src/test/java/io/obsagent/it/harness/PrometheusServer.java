package io.obsagent.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real Prometheus server (the Debian package's binary) in a directory of its own, on a free loopback port,
 * asked through its HTTP API. Stopped by its PID on {@link #close()}.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final Process process;
    private final Path log;
    private final URI api;

    private PrometheusServer(Process process, Path log, URI api) {
        this.process = process;
        this.log = log;
        this.api = api;
    }

    /** Starts {@code binary} with {@code config} written to prometheus.yml in a new directory under {@code workDir}. */
    public static PrometheusServer start(Path binary, String config, Path workDir) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve("prometheus-" + System.nanoTime())).toAbsolutePath();
        Path file = Files.writeString(dir.resolve("prometheus.yml"), config);
        Path log = dir.resolve("prometheus.log");
        int port = AppProcessBuilder.freePort();
        Process process = new ProcessBuilder(binary.toString(), "--config.file=" + file,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new PrometheusServer(process, log, URI.create("http://127.0.0.1:" + port));
    }

    /**
     * GET of an API path with its parameters (name, value, name, value...); the answer's {@code data}. A query that
     * Prometheus rejects (status other than success) fails the test with Prometheus' error.
     */
    public JsonNode api(String path, String... parameters) {
        StringBuilder query = new StringBuilder(path).append('?');
        for (int i = 0; i < parameters.length; i += 2) {
            query.append(i == 0 ? "" : "&").append(parameters[i]).append('=')
                    .append(URLEncoder.encode(parameters[i + 1], StandardCharsets.UTF_8));
        }
        assertThat(process.isAlive()).as("prometheus is running; its log:\n%s", log()).isTrue();
        HttpResult answer = Http.get(api.resolve(query.toString()), Duration.ofSeconds(10));
        JsonNode body = parse(answer.body());
        assertThat(body.path("status").asText()).as("%s answered %s %s", query, answer.status(), answer.body())
                .isEqualTo("success");
        return body.path("data");
    }

    /** The result vector of an instant query evaluated now. */
    public List<JsonNode> query(String promql) {
        return list(api("/api/v1/query", "query", promql).path("result"));
    }

    /** Polls an instant query until its result satisfies {@code condition}; returns that result. */
    public List<JsonNode> awaitQuery(String promql, Predicate<List<JsonNode>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "nothing (not listening yet)";
        while (true) {
            try {
                List<JsonNode> result = query(promql);
                if (condition.test(result)) {
                    return result;
                }
                last = result.toString();
            } catch (UncheckedIOException notYetListening) {
                last = String.valueOf(notYetListening.getCause());
            }
            assertThat(System.nanoTime()).as("%s within %s; last result %s", promql, timeout, last).isLessThan(deadline);
            AppProcess.sleep(POLL_INTERVAL);
        }
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM to the PID, SIGKILL after a grace period. */
    @Override
    public void close() {
        process.toHandle().destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The labels of a result series. */
    public static Map<String, String> labels(JsonNode series) {
        return JSON.convertValue(series.path("metric"), JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
    }

    /** The value of an instant-query result series. */
    public static double value(JsonNode series) {
        return Double.parseDouble(series.path("value").path(1).asText());
    }

    private static List<JsonNode> list(JsonNode array) {
        return JSON.convertValue(array, JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class));
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }
}
