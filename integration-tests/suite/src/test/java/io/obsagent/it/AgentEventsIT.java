package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.obsagent.it.harness.AgentMetrics;
import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.JsonLines;
import io.obsagent.it.harness.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's own JSON events (agent/SPEC.md §4) as an operator reads them, and what happens when their output is slow. */
class AgentEventsIT {

    private static final String COMMON = "timestamp,level,logger,event,service";
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    @Test
    void requestProcessedAndUnhandledExceptionCarryTheSpecFields() {
        try (AppProcess app = AppProcess.builder(Apps.sampleApp()).withAgent().start()) {
            app.awaitReady();
            HttpResult created = Http.postJson(app.appUrl("/api/v1/tasks"), "{\"title\":\"t\"}");
            String task = "/api/v1/tasks/" + JsonLines.parseObject(created.body()).get("id");
            HttpResult failed = Http.get(app.appUrl(task + "/export?format=xml"), "X-Request-ID", "fails-once");
            assertThat(failed.status()).isEqualTo(500);
            app.awaitLine(line -> line.contains("\"request_processed\"") && line.contains("fails-once"), Duration.ofSeconds(10));

            JsonLines events = JsonLines.of(app.stdoutLines());
            assertThat(events.malformed()).isEmpty();
            Map<String, Object> access = events.events("request_processed").stream()
                    .filter(e -> created.header("X-Request-ID").equals(e.get("request_id"))).findFirst().orElseThrow();
            assertThat(access.keySet()).containsExactly((COMMON + ",request_id,method,path,endpoint,status,duration_ms").split(","));
            assertThat(access).containsEntry("logger", "obs.access").containsEntry("level", "info")
                    .containsEntry("method", "POST").containsEntry("path", "/api/v1/tasks")
                    .containsEntry("endpoint", "/api/v1/tasks").containsEntry("status", 201);
            assertThat(access.get("duration_ms")).isInstanceOf(Number.class);
            assertThat((String) access.get("timestamp")).matches(TIMESTAMP);

            List<Map<String, Object>> exceptions = events.events("unhandled_exception").stream()
                    .filter(e -> "fails-once".equals(e.get("request_id"))).toList();
            assertThat(exceptions).as("logged once, not again on the ERROR dispatch").hasSize(1);
            Map<String, Object> exception = exceptions.get(0);
            assertThat(exception.keySet()).containsExactly(
                    (COMMON + ",request_id,method,path,exception_type,exception_message,stack_trace").split(","));
            assertThat(exception).containsEntry("level", "error").containsEntry("logger", "obs.agent")
                    .containsEntry("exception_type", "java.lang.IllegalStateException")
                    .containsEntry("exception_message", "Unsupported export format: xml")
                    .containsEntry("path", task + "/export");
            assertThat((String) exception.get("stack_trace"))
                    .startsWith("java.lang.IllegalStateException: Unsupported export format: xml\n\tat ")
                    .contains("com.example.tasks.TaskService.export");
        }
    }

    @Test
    void aFileTargetIsWrittenWithItsDirectoriesCreated(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a/b/events.log");
        try (AppProcess app = AppProcess.builder(Apps.jetty9()).withAgent("log.target=file:" + file).start()) {
            app.awaitReady();
            Http.get(app.appUrl("/hello"), "X-Request-ID", "to-the-file");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!(Files.exists(file) && Files.readString(file).contains("to-the-file"))) {
                assertThat(System.nanoTime() - deadline).as("events reach %s", file).isNegative();
                Thread.sleep(100);
            }
            JsonLines events = JsonLines.of(Files.readAllLines(file));
            assertThat(events.malformed()).isEmpty();
            assertThat(events.singleEvent("agent_started")).containsEntry("logger", "obs.agent");
            assertThat(JsonLines.of(app.stdoutLines()).objects()).noneMatch(o -> o.containsKey("event"));
        }
    }

    /**
     * A log collector that stops reading: the process's stdout pipe fills and the agent's writer blocks. Requests
     * must not wait for it: the event queue fills, later events are dropped and counted, and once the output
     * flows again the agent says how many it lost. Every access event is either written or counted as dropped.
     */
    @Test
    void aStalledStdoutDropsAndCountsEventsAndNeverHoldsUpRequests() throws Exception {
        int requests = 12_000;
        try (AppProcess app = AppProcess.builder(Apps.sampleApp()).withAgent().start()) {
            app.awaitReady();
            HttpResult created = Http.postJson(app.appUrl("/api/v1/tasks"), "{\"title\":\"t\"}");
            String task = "/api/v1/tasks/" + JsonLines.parseObject(created.body()).get("id");
            app.awaitLine(line -> line.contains(created.header("X-Request-ID")), Duration.ofSeconds(10));

            app.pauseStdout();
            long started = System.nanoTime();
            int ok = floodConcurrently(app, task, requests);
            long floodMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            app.resumeStdout();

            assertThat(ok).isEqualTo(requests);
            String report = app.awaitLine(line -> line.contains("\"log.queue\""), Duration.ofSeconds(30));
            Matcher total = Pattern.compile("(\\d+) since start").matcher(report);
            assertThat(total.find()).isTrue();
            long dropped = Long.parseLong(total.group(1));
            long written = JsonLines.of(app.stdoutLines()).events("request_processed").stream()
                    .filter(e -> String.valueOf(e.get("request_id")).startsWith("flood-")).count();
            System.out.printf("stalled stdout: %d requests in %d ms, %d access events written, %d dropped%n",
                    requests, floodMillis, written, dropped);
            assertThat(dropped).isPositive();
            // What the service served, from its own counter: the HTTP client may send a GET again when a kept-alive
            // connection closes under it, and the service then serves (and logs) that request ID twice.
            double served = AgentMetrics.requests(AgentMetrics.scrape(app),
                    PrometheusText.labels("method", "GET", "endpoint", "/api/v1/tasks/{id}"));
            assertThat(served).isGreaterThanOrEqualTo(requests);
            assertThat((double) (written + dropped)).isEqualTo(served);
        }
    }

    /** Sends the GETs from 8 clients; returns how many answered 200. Each must answer within the client timeout (30 s). */
    private static int floodConcurrently(AppProcess app, String path, int requests) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String id = "flood-" + i;
                calls.add(clients.submit(() -> Http.get(app.appUrl(path), "X-Request-ID", id).status()));
            }
            int ok = 0;
            for (Future<Integer> call : calls) {
                ok += call.get(5, TimeUnit.MINUTES) == 200 ? 1 : 0;
            }
            return ok;
        } finally {
            clients.shutdownNow();
        }
    }
}
