package io.obsagent.it;

import static io.obsagent.it.harness.PrometheusText.labels;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.obsagent.it.harness.AppJar;
import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.AppProcessBuilder;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.JsonLines;
import io.obsagent.it.harness.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Business metrics from method rules (issue 8) on the sample task API, read from the side server's /metrics. */
class BusinessMetricsIT {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);
    private static final String TASKS = "/api/v1/tasks";

    @Test
    void theSampleRulesCountCreatedAndDeletedTasksAndTrackTheActiveOnes() {
        int sidePort = AppProcessBuilder.freePort();
        try (AppProcess app = sampleApp(sidePort).start()) {
            app.awaitReady();
            PrometheusText before = scrape(sidePort);
            assertThat(before.value("task_created_total", labels())).isZero();
            assertThat(before.value("task_deleted_total", labels())).isZero();
            assertThat(before.value("task_active_count", labels())).isZero();

            String first = create(app, "first");
            create(app, "second");
            create(app, "third");
            assertThat(Http.postJson(app.appUrl(TASKS), "{\"description\":\"no title\"}").status()).isEqualTo(400);
            assertThat(Http.delete(app.appUrl(first)).status()).isEqualTo(204);
            assertThat(Http.delete(app.appUrl(first)).status()).as("deleting it again").isEqualTo(404);
            assertThat(Http.delete(app.appUrl(TASKS + "/999999")).status()).isEqualTo(404);

            PrometheusText after = scrape(sidePort);
            assertThat(after.value("task_created_total", labels())).isEqualTo(3);
            assertThat(after.value("task_deleted_total", labels())).isEqualTo(1);
            assertThat(after.value("task_active_count", labels())).isEqualTo(2);
            assertThat(after.type("task_created_total")).contains("counter");
            assertThat(after.type("task_active_count")).contains("gauge");
            assertThat(JsonLines.of(app.stdoutLines()).events("agent_config_error")).isEmpty();
        }
    }

    /**
     * TaskRepository is a @Repository, so Spring puts a CGLIB proxy (exception translation) in front of it: each
     * save passes through the proxy to the real method and must be timed once. The other rules come from the
     * environment and system properties, beside the sample's file.
     */
    @Test
    void aTimerBehindASpringProxyAndRulesFromEnvironmentAndPropertiesCountEachCallOnce() {
        int sidePort = AppProcessBuilder.freePort();
        try (AppProcess app = sampleApp(sidePort)
                .systemProperty("obs.metrics.rules.task_save.type", "timer")
                .systemProperty("obs.metrics.rules.task_save.method", "com.example.tasks.TaskRepository#save(com.example.tasks.Task)")
                .env("OBS_METRICS_RULES_EXPORT_FAILURES_TYPE", "counter")
                .env("OBS_METRICS_RULES_EXPORT_FAILURES_METHOD", "com.example.tasks.TaskService#export")
                .env("OBS_METRICS_RULES_EXPORT_FAILURES_ON", "exception")
                .start()) {
            app.awaitReady();

            String task = create(app, "timed");
            create(app, "timed again");
            assertThat(Http.get(app.appUrl(task + "/export?format=csv")).status()).isEqualTo(200);
            assertThat(Http.get(app.appUrl(task + "/export?format=xml")).status()).isEqualTo(500);

            PrometheusText metrics = scrape(sidePort);
            assertThat(metrics.type("task_save_seconds")).contains("histogram");
            assertThat(metrics.value("task_save_seconds_count", labels("outcome", "success"))).isEqualTo(2);
            assertThat(metrics.value("task_save_seconds_count", labels("outcome", "error"))).isZero();
            assertThat(metrics.value("task_save_seconds_sum", labels("outcome", "success"))).isPositive();
            assertThat(metrics.value("export_failures_total", labels())).isEqualTo(1);
            assertThat(metrics.value("task_created_total", labels())).isEqualTo(2);
        }
    }

    @Test
    void badRulesAreReportedOnceEachWhileTheAppAndTheOtherRulesWork() {
        int sidePort = AppProcessBuilder.freePort();
        try (AppProcess app = sampleApp(sidePort)
                .systemProperty("obs.metrics.rules.ghost_visits.type", "counter")
                .systemProperty("obs.metrics.rules.ghost_visits.method", "com.example.tasks.GhostService#haunt")
                .systemProperty("obs.metrics.rules.task-views.type", "counter")
                .systemProperty("obs.metrics.rules.task-views.method", "com.example.tasks.TaskService#get")
                .systemProperty("obs.metrics.rules.http_tasks.type", "counter")
                .systemProperty("obs.metrics.rules.http_tasks.method", "com.example.tasks.TaskService#list")
                .systemProperty("obs.metrics.rules.task_lists.type", "gauge")
                .systemProperty("obs.metrics.rules.task_lists.method", "com.example.tasks.TaskService#list")
                .start()) {
            app.awaitReady();

            create(app, "still served");
            assertThat(Http.get(app.appUrl(TASKS)).status()).isEqualTo(200);
            app.awaitLine(line -> line.contains("agent_config_error") && line.contains("ghost_visits"), EVENT_TIMEOUT);

            List<Map<String, Object>> errors = JsonLines.of(app.stdoutLines()).events("agent_config_error");
            assertThat(errors).extracting(error -> error.get("key")).containsExactlyInAnyOrder(
                    "metrics.rules.task-views.type",
                    "metrics.rules.http_tasks.type",
                    "metrics.rules.task_lists.type",
                    "metrics.rules.ghost_visits.method");
            assertThat(errors).filteredOn(error -> "metrics.rules.ghost_visits.method".equals(error.get("key")))
                    .singleElement()
                    .satisfies(error -> {
                        assertThat(error).containsEntry("value", "com.example.tasks.GhostService#haunt");
                        assertThat((String) error.get("error")).contains("no method of a loaded class matches");
                    });
            PrometheusText metrics = scrape(sidePort);
            assertThat(metrics.value("task_created_total", labels())).isEqualTo(1);
            assertThat(metrics.value("ghost_visits_total", labels())).isZero();
            assertThat(metrics.find("task_lists", labels())).isEmpty();
        }
    }

    /** Plain servlet apps, javax (Java 8 bytecode) and jakarta: rules watch their servlets like any class. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.obsagent.it.harness.Apps#servletApps")
    void rulesWatchTheServletsOfAServletApp(AppJar jar) {
        String namespace = jar.name().endsWith("-javax") ? "javax" : "jakarta";
        try (AppProcess app = AppProcess.builder(jar).withAgent()
                .systemProperty("obs.metrics.rules.greetings.type", "counter")
                .systemProperty("obs.metrics.rules.greetings.method",
                        "com.example.testapp." + namespace + ".HelloServlet#doGet")
                .systemProperty("obs.metrics.rules.servlet_failures.type", "counter")
                .systemProperty("obs.metrics.rules.servlet_failures.method",
                        namespace + ".servlet.http.HttpServlet#do*")
                .systemProperty("obs.metrics.rules.servlet_failures.on", "exception")
                .start()) {
            app.awaitReady();
            double greetedBefore = scrape(app.sidePort()).value("greetings_total", labels());

            assertThat(Http.get(app.appUrl("/hello")).status()).isEqualTo(200);
            assertThat(Http.get(app.appUrl("/hello")).status()).isEqualTo(200);
            assertThat(Http.get(app.appUrl("/fail")).status()).isEqualTo(500);

            PrometheusText metrics = scrape(app.sidePort());
            assertThat(metrics.value("greetings_total", labels()) - greetedBefore).isEqualTo(2);
            assertThat(metrics.value("servlet_failures_total", labels())).isEqualTo(1);
        }
    }

    /** The sample with its own obs.properties, as scripts/demo.sh runs it, and the side server on {@code sidePort}. */
    private static AppProcessBuilder sampleApp(int sidePort) {
        Path rules = Path.of(System.getProperty("sample.app.jar")).toAbsolutePath().getParent().getParent()
                .resolve("obs.properties");
        assertThat(Files.isRegularFile(rules)).as("%s exists", rules).isTrue();
        return AppProcess.builder(Apps.sampleApp()).withAgent("config.file=" + rules + ",server.port=" + sidePort);
    }

    /** Creates a task; returns its path. */
    private static String create(AppProcess app, String title) {
        HttpResult created = Http.postJson(app.appUrl(TASKS), "{\"title\":\"" + title + "\"}");
        assertThat(created.status()).isEqualTo(201);
        return TASKS + "/" + JsonLines.parseObject(created.body()).get("id");
    }

    private static PrometheusText scrape(int sidePort) {
        HttpResult metrics = Http.get(URI.create("http://127.0.0.1:" + sidePort + "/metrics"));
        assertThat(metrics.status()).isEqualTo(200);
        return PrometheusText.parse(metrics.body());
    }
}
