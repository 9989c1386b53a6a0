package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.obsagent.it.harness.AppJar;
import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.AppProcessBuilder;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.Jdks;
import io.obsagent.it.harness.JsonLines;
import io.obsagent.it.harness.StandaloneServer;
import io.obsagent.it.harness.StandaloneServer.Attach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * app_logs.json=true: the application's own console output becomes JSON in the agent's shape whatever its logging
 * stack (Logback 1.2 to 1.5, Log4j 2 with no JSON layout, Log4j 1.2, java.util.logging and Tomcat's JULI), with the
 * request ID on every request's line and none outside requests; app_logs.format=logstash keeps the logstash shape.
 */
class AppLogsJsonIT {

    private static final int REQUESTS = 1000;
    private static final int CLIENTS = 16;

    /** The sample service with Spring Boot's own structured logging (logstash-shaped JSON) on its console. */
    @Test
    void everyLineOfTheSampleServiceIsJsonInTheAgentsShapeAndEachRequestsLinesCarryItsOwnId() throws Exception {
        try (AppProcess app = AppProcess.builder(Apps.sampleApp()).withAgent("app_logs.json=true")
                .systemProperty("logging.structured.format.console", "logstash").start()) {
            app.awaitReady();
            int startupLines = app.stdoutLines().size();

            Map<String, String> requestIdByTaskId = createTasksConcurrently(app);
            app.awaitLineCount(line -> line.contains("task created id="), REQUESTS, Duration.ofSeconds(60));

            List<String> stdout = app.stdoutLines();
            JsonLines json = JsonLines.of(stdout);
            assertThat(stdout).as("every stdout line is one JSON object").allMatch(line -> line.startsWith("{"));
            assertThat(json.malformed()).isEmpty();
            List<Map<String, Object>> appLines = appLines(stdout);
            assertThat(appLines).isNotEmpty().allSatisfy(AppLogsJsonIT::assertAgentShape);

            List<Map<String, Object>> created = appLines.stream()
                    .filter(o -> String.valueOf(o.get("event")).startsWith("task created id=")).toList();
            assertThat(created).hasSize(REQUESTS);
            for (Map<String, Object> line : created) {
                String taskId = String.valueOf(line.get("event")).substring("task created id=".length());
                assertThat(line.get("request_id")).as("request_id of %s", line.get("event"))
                        .isEqualTo(requestIdByTaskId.get(taskId));
                assertThat(line).containsEntry("method", "POST").containsEntry("path", "/api/v1/tasks");
            }
            List<Map<String, Object>> beforeAnyRequest = appLines(stdout.subList(0, startupLines)).stream()
                    .filter(o -> "main".equals(o.get("thread"))).toList();
            assertThat(beforeAnyRequest).isNotEmpty().noneMatch(o -> o.containsKey("request_id"));
        }
    }

    @Test
    void logback12OfAnSlf4j17AppWritesTheAgentsShapeWithTheRequestIdAndTheException() {
        try (AppProcess app = AppProcess.builder(Apps.jetty9()).withAgent("app_logs.json=true").start()) {
            assertRequestLinesAndExceptionInTheAgentsShape(app, "", "com.example.testapp.jetty9.MdcServlet", "mdc check");
            assertThat(JsonLines.of(app.stdoutLines()).events("agent_error")).isEmpty();
        }
    }

    /**
     * The Jetty 9.4 app with other logging libraries put before its own Logback 1.2 on the class path: Logback 1.3
     * and 1.4 (with SLF4J 2), and reload4j (Log4j 1.2) through SLF4J 1.7's binding with a pattern-layout console.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"logback13", "logback14", "log4j1"})
    void otherLogbackAndLog4j1VersionsWriteTheAgentsShape(String stack, @TempDir Path dir) throws IOException {
        AppProcessBuilder builder = AppProcess.builder(Apps.jetty9()).withAgent("app_logs.json=true").testName(stack);
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("it.logging.jars"), stack))) {
            jars.sorted().forEach(builder::classpathBefore);
        }
        if (stack.equals("log4j1")) {
            Path properties = Files.writeString(dir.resolve("log4j.properties"), String.join("\n",
                    "log4j.rootLogger=INFO, CONSOLE",
                    "log4j.appender.CONSOLE=org.apache.log4j.ConsoleAppender",
                    "log4j.appender.CONSOLE.layout=org.apache.log4j.PatternLayout",
                    "log4j.appender.CONSOLE.layout.ConversionPattern=%d %-5p [%t] %c request_id=%X{request_id} - %m%n"));
            builder.systemProperty("log4j.configuration", properties.toUri().toString());
        }
        try (AppProcess app = builder.start()) {
            assertRequestLinesAndExceptionInTheAgentsShape(app, "", "com.example.testapp.jetty9.MdcServlet", "mdc check");
            assertThat(JsonLines.of(app.stdoutLines()).events("agent_error")).isEmpty();
        }
    }

    /** java.util.logging has no MDC: the request ID comes from the agent's current request. Run on JDK 25. */
    @Test
    void javaUtilLoggingsConsoleHandlerWritesTheAgentsShapeWithTheCurrentRequestsId() {
        AppProcessBuilder builder = AppProcess.builder(Apps.tomcat9()).withAgent("app_logs.json=true");
        if (Jdks.java25Home() != null) {
            builder.javaHome(Jdks.java25Home());
        }
        try (AppProcess app = builder.start()) {
            assertRequestLinesAndExceptionInTheAgentsShape(app, "", "com.example.testapp.tomcat9.MdcServlet", "mdc check");
        }
    }

    /**
     * Stock Tomcat 9: its own lines through the JDK's ConsoleHandler with JULI's OneLineFormatter, the javax WAR's
     * through Log4j 2 core with no JSON layout nor Jackson beside it. Both become the agent's shape on the console;
     * Tomcat's file handler keeps writing text.
     */
    @Test
    void stockTomcatsJuliConsoleAndAWebappsLog4jWithoutJsonLayoutWriteTheAgentsShape() throws Exception {
        StandaloneServer tomcat = StandaloneServer.tomcat("it.server.tomcat9.home").agentArguments("app_logs.json=true")
                .deploy(Apps.warJavaxLog4j(), "app1");
        try (AppProcess server = tomcat.start(Attach.CATALINA_OPTS, AppProcessBuilder.freePort(), "/app1/hello")) {
            assertRequestLinesAndExceptionInTheAgentsShape(server, "/app1", "com.example.testapp.warlog4j.MdcServlet",
                    "mdc check in /app1");
            assertThat(appLines(server.lines())).as("Tomcat's own lines")
                    .filteredOn(o -> String.valueOf(o.get("logger")).startsWith("org.apache.catalina.")).isNotEmpty();
            assertThat(tomcat.logFile("catalina")).as("the file handler's lines stay text")
                    .isNotEmpty().allMatch(line -> !line.startsWith("{"));
        }
    }

    /**
     * app_logs.format=logstash: on Logback 1.5 (Undertow, jakarta) logstash-logback-encoder itself writes the line,
     * on Logback 1.2 (Jetty 9.4, javax), which cannot host it, the agent's formatter writes the same field names.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"undertow-jakarta", "jetty9-javax"})
    void formatLogstashKeepsTheLogstashShapeOnLogback15AndOnLogback12(String appName) {
        AppJar jar = appName.equals("jetty9-javax") ? Apps.jetty9() : Apps.undertow();
        try (AppProcess app = AppProcess.builder(jar).withAgent("app_logs.json=true,app_logs.format=logstash").start()) {
            app.awaitReady();
            Http.get(app.appUrl("/mdc"), "X-Request-ID", "logstash-1");

            Map<String, Object> json = JsonLines.parseObject(app.awaitLine(l -> l.contains("mdc check"), Duration.ofSeconds(10)));
            assertThat(json).containsEntry("request_id", "logstash-1").containsEntry("message", "mdc check")
                    .containsEntry("level", "INFO").containsEntry("@version", "1")
                    .containsKeys("@timestamp", "logger_name", "thread_name", "level_value")
                    .doesNotContainKeys("event", "timestamp");
            assertThat(JsonLines.of(app.stdoutLines()).events("agent_error")).isEmpty();
        }
    }

    @Test
    void log4jConsoleWithFormatLogstashKeepsTheLogstashShapeWithTheRequestIdAtTheTop() {
        try (AppProcess app = AppProcess.builder(Apps.jersey()).withAgent("app_logs.json=true,app_logs.format=logstash").start()) {
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

    /**
     * Sends a request with an ID to the app's {@code /mdc} and one with {@code ?fail}; asserts the application's lines of
     * both, each one JSON object in the agent's shape, and that no line logged before any request has an ID.
     */
    static void assertRequestLinesAndExceptionInTheAgentsShape(AppProcess app, String contextPath, String logger,
                                                               String message) {
        app.awaitReady();
        int startupLines = app.lines().size();
        Http.get(app.appUrl(contextPath + "/mdc"), "X-Request-ID", "logs-ok-1");
        Http.get(app.appUrl(contextPath + "/mdc?fail=1"), "X-Request-ID", "logs-fail-1");
        app.awaitLine(l -> l.contains("mdc check failed"), Duration.ofSeconds(10));

        List<Map<String, Object>> lines = appLines(app.lines());
        assertThat(lines).isNotEmpty().allSatisfy(AppLogsJsonIT::assertAgentShape);
        assertThat(lines).filteredOn(o -> message.equals(o.get("event")))
                .extracting(o -> o.get("request_id")).containsExactly("logs-ok-1", "logs-fail-1");
        Map<String, Object> failed = lines.stream().filter(o -> "mdc check failed".equals(o.get("event")))
                .findFirst().orElseThrow();
        assertThat(failed).containsEntry("level", "error").containsEntry("logger", logger)
                .containsEntry("request_id", "logs-fail-1").containsEntry("method", "GET")
                .containsEntry("path", contextPath + "/mdc")
                .containsEntry("exception_type", "java.lang.IllegalStateException")
                .containsEntry("exception_message", "boom");
        assertThat((String) failed.get("stack_trace")).startsWith("java.lang.IllegalStateException: boom")
                .contains("\n\tat ");
        assertThat(appLines(app.lines().subList(0, startupLines))).isNotEmpty()
                .noneMatch(o -> o.containsKey("request_id"));
    }

    /** The application's own lines: every JSON line that is not one of the agent's events, and every other line. */
    static List<Map<String, Object>> appLines(List<String> output) {
        List<Map<String, Object>> lines = new ArrayList<>();
        for (String line : output) {
            // The JVM's own notes and SLF4J's about its bindings are not the application's log output.
            if (line.startsWith("OpenJDK 64-Bit Server VM warning") || line.startsWith("NOTE: Picked up")
                    || line.startsWith("SLF4J:")) {
                continue;
            }
            Map<String, Object> json = line.startsWith("{") ? JsonLines.parseObject(line) : Map.of("text", line);
            if (!String.valueOf(json.get("logger")).startsWith("obs.")) {
                lines.add(json);
            }
        }
        return lines;
    }

    static void assertAgentShape(Map<String, Object> line) {
        assertThat(line).as("one JSON object in the agent's shape").containsKeys("timestamp", "level", "logger",
                "event", "service", "thread");
        assertThat((String) line.get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(line.get("level")).isIn("debug", "info", "warning", "error");
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
