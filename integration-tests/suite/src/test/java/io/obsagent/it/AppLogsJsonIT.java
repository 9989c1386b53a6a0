package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.JsonLines;
import org.junit.jupiter.api.Test;

/** app_logs.json=true: the application's own console output becomes JSON, with the request ID on every request's line. */
class AppLogsJsonIT {

    private static final int REQUESTS = 1000;
    private static final int CLIENTS = 16;

    @Test
    void everyLineOfTheSampleServiceIsJsonAndEachRequestsLinesCarryItsOwnId() throws Exception {
        try (AppProcess app = AppProcess.builder(Apps.sampleApp()).withAgent("app_logs.json=true").start()) {
            app.awaitReady();
            int startupLines = app.stdoutLines().size();

            Map<String, String> requestIdByTaskId = createTasksConcurrently(app);
            app.awaitLineCount(line -> line.contains("task created id="), REQUESTS, Duration.ofSeconds(60));

            List<String> stdout = app.stdoutLines();
            JsonLines json = JsonLines.of(stdout);
            assertThat(stdout).as("every stdout line is one JSON object").allMatch(line -> line.startsWith("{"));
            assertThat(json.malformed()).isEmpty();
            List<Map<String, Object>> appLines = json.objects().stream().filter(o -> o.containsKey("logger_name")).toList();
            assertThat(appLines).allSatisfy(line -> assertThat(line).containsKeys("@timestamp", "level", "thread_name", "message"));

            List<Map<String, Object>> created = appLines.stream()
                    .filter(o -> String.valueOf(o.get("message")).startsWith("task created id=")).toList();
            assertThat(created).hasSize(REQUESTS);
            for (Map<String, Object> line : created) {
                String taskId = String.valueOf(line.get("message")).substring("task created id=".length());
                assertThat(line.get("request_id")).as("request_id of %s", line.get("message"))
                        .isEqualTo(requestIdByTaskId.get(taskId));
                assertThat(line).containsEntry("method", "POST").containsEntry("path", "/api/v1/tasks");
            }
            List<Map<String, Object>> beforeAnyRequest = JsonLines.of(stdout.subList(0, startupLines)).objects().stream()
                    .filter(o -> o.containsKey("logger_name") && "main".equals(o.get("thread_name"))).toList();
            assertThat(beforeAnyRequest).isNotEmpty().noneMatch(o -> o.containsKey("request_id"));
        }
    }

    @Test
    void logback12IsLeftAsTextWithOneAgentErrorSayingWhy() {
        try (AppProcess app = AppProcess.builder(Apps.jetty9()).withAgent("app_logs.json=true").start()) {
            app.awaitReady();
            HttpResult answer = Http.get(app.appUrl("/mdc"), "X-Request-ID", "jetty-text-1");

            assertThat(answer.body()).isEqualTo("jetty-text-1");
            String line = app.awaitLine(l -> l.contains("mdc check"), Duration.ofSeconds(10));
            assertThat(line).doesNotStartWith("{").contains("request_id=jetty-text-1");
            Map<String, Object> error = JsonLines.of(app.stdoutLines()).singleEvent("agent_error");
            assertThat(error).containsEntry("where", "app_logs.json");
            assertThat((String) error.get("error")).contains("Logback 1.5").contains("1.2.13");
        }
    }

    @Test
    void log4jConsoleBecomesJsonWithTheRequestIdAtTheTop() {
        try (AppProcess app = AppProcess.builder(Apps.jersey()).withAgent("app_logs.json=true").start()) {
            app.awaitReady();
            HttpResult answer = Http.get(app.appUrl("/api/users/7"), "X-Request-ID", "jersey-json-1");
            assertThat(answer.status()).isEqualTo(200);

            String line = app.awaitLine(l -> l.contains("user fetched id=7"), Duration.ofSeconds(10));
            Map<String, Object> json = JsonLines.parseObject(line);
            assertThat(json).containsEntry("request_id", "jersey-json-1").containsEntry("method", "GET")
                    .containsEntry("path", "/api/users/7").containsEntry("message", "user fetched id=7")
                    .containsKeys("@timestamp", "level", "logger_name", "thread_name");
            assertThat(JsonLines.of(app.stdoutLines()).events("agent_error")).isEmpty();
        }
    }

    /** POSTs {@link #REQUESTS} tasks from {@link #CLIENTS} threads; returns the request ID of each task's creation. */
    private static Map<String, String> createTasksConcurrently(AppProcess app) throws Exception {
        Map<String, String> requestIdByTaskId = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                int n = i;
                calls.add(clients.submit(() -> {
                    HttpResult created = Http.postJson(app.appUrl("/api/v1/tasks"), "{\"title\":\"task " + n + "\"}");
                    assertThat(created.status()).isEqualTo(201);
                    String taskId = String.valueOf(JsonLines.parseObject(created.body()).get("id"));
                    requestIdByTaskId.put(taskId, created.header("X-Request-ID"));
                }));
            }
            for (Future<?> call : calls) {
                call.get(2, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(requestIdByTaskId).hasSize(REQUESTS);
        assertThat(requestIdByTaskId.values()).doesNotHaveDuplicates();
        return requestIdByTaskId;
    }
}
