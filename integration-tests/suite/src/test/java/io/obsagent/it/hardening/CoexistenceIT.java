package io.obsagent.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.obsagent.it.harness.AgentEvents;
import io.obsagent.it.harness.AgentMetrics;
import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.AppProcessBuilder;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.JsonLines;
import io.obsagent.it.harness.PrometheusText;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent beside another agent: the OpenTelemetry Java agent (metrics only, its Prometheus exporter on a port
 * of its own) attached before or after ours, and our own jar attached twice by mistake. The Jetty 9 app answers
 * as it does without any agent (one plain run, started once), and our request ID and metrics are exact.
 */
@Tag("hardening")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoexistenceIT {

    private static final String HEADER = "X-Request-ID";
    private static final Duration LOG_TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> PATHS = List.of("/hello", "/items/42", "/x/anything.do", "/forward", "/include",
            "/async?delayMs=20", "/send-error", "/secured/area", "/fail", "/no/such/path");
    /** Requests to /items/* besides those of {@link #PATHS}: their count must be exact. */
    private static final int COUNTED = 7;
    private static final long ITEMS_REQUESTS = COUNTED + PATHS.stream().filter(path -> path.startsWith("/items/")).count();

    @TempDir
    Path dir;
    private AppProcess plain;

    @BeforeAll
    void startPlainApp() {
        plain = AppProcess.builder(Apps.jetty9()).testName(getClass().getSimpleName()).start();
        plain.awaitReady();
    }

    @AfterAll
    void stopPlainApp() {
        if (plain != null) {
            plain.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"obs-agent first", "opentelemetry first"})
    void besideTheOpenTelemetryAgentBothWorkAndTheApplicationAnswersTheSame(String order) {
        int otelPort = AppProcessBuilder.freePort();
        String otel = "-javaagent:" + Apps.otelAgent();
        AppProcessBuilder builder = AppProcess.builder(Apps.jetty9()).withAgent()
                .systemProperty("otel.traces.exporter", "none").systemProperty("otel.logs.exporter", "none")
                .systemProperty("otel.metrics.exporter", "prometheus")
                .systemProperty("otel.exporter.prometheus.host", "127.0.0.1")
                .systemProperty("otel.exporter.prometheus.port", String.valueOf(otelPort));
        if (order.startsWith("obs-agent")) {
            builder.jvmArgumentAfterAgent(otel);
        } else {
            builder.jvmArgument(otel);
        }
        try (AppProcess app = builder.start()) {
            app.awaitReady();
            assertAnswersAsWithoutAgents(app);
            assertOursExact(app);
            URI otelMetrics = URI.create("http://127.0.0.1:" + otelPort + "/metrics");
            String exposition = awaitBody(app, otelMetrics, "http_server_request_duration_seconds_count{");
            assertThat(exposition).containsPattern("http_server_request_duration_seconds_count\\{[^}]*http_route=\"/items/\\*\"");
        }
    }

    /**
     * OpenTelemetry attached first gives {@code FutureTask} a field and an interface of its own when it loads it. Byte
     * Buddy's redefining type strategy then could not retransform that class ("attempted to change superclass or
     * interfaces"); its decorating strategy, which only visits the methods advised, can. Work the caller app submits,
     * schedules and forks from a request logs the request's ID, and the worker's next task none.
     */
    @Test
    void besideTheOpenTelemetryAgentAttachedFirstWorkHandedOffStillCarriesTheRequest() {
        AppProcessBuilder builder = AppProcess.builder(Apps.caller()).withAgent()
                .systemProperty("otel.traces.exporter", "none").systemProperty("otel.logs.exporter", "none")
                .systemProperty("otel.metrics.exporter", "none").jvmArgument("-javaagent:" + Apps.otelAgent());
        try (AppProcess app = builder.start()) {
            app.awaitReady();
            for (String kind : List.of("submit", "invokeAll", "invokeAny", "schedule", "scheduleAtFixedRate", "forkJoinFork",
                    "parallelStream")) {
                String id = "otel-" + kind;
                assertThat(Http.get(app.appUrl("/hop?kind=" + kind), HEADER, id).body()).isEqualTo("ok");
                app.awaitLine(line -> line.startsWith("hop " + kind + " rid=[" + id + "]"), LOG_TIMEOUT);
                app.awaitLine(line -> line.startsWith("after " + kind + " rid=[]"), LOG_TIMEOUT);
            }
            assertThat(JsonLines.of(app.stdoutLines()).events("agent_error")).extracting(event -> event.get("error"))
                    .as("FutureTask retransformed beside OpenTelemetry's field").noneSatisfy(error -> assertThat((String) error)
                            .contains("java.util.concurrent.FutureTask"));
        }
    }

    /** The same jar twice, and two copies of it at different paths: the first copy runs, the second stays inert. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"same jar twice", "two copies"})
    void attachedTwiceTheSecondCopyStaysInertAndNothingCountsTwice(String how) throws IOException {
        Path second = Apps.agentJar();
        if (how.equals("two copies")) {
            second = Files.copy(second, Files.createDirectories(dir.resolve("elsewhere")).resolve("obs-agent.jar"));
        }
        try (AppProcess app = AppProcess.builder(Apps.jetty9()).withAgent().jvmArgumentAfterAgent("-javaagent:" + second).start()) {
            app.awaitReady();
            assertAnswersAsWithoutAgents(app);
            assertOursExact(app);
            Map<String, Object> inert = JsonLines.of(app.stderrLines()).singleEvent("agent_error");
            assertThat(inert).containsEntry("level", "warning").containsEntry("where", "premain")
                    .containsEntry("service", "jetty9-javax-app");
            assertThat((String) inert.get("error")).contains("attached more than once", "stays inert", "the first one runs")
                    .doesNotContain("did not start", "\tat ");
            assertThat(JsonLines.of(app.stdoutLines()).events("agent_error")).isEmpty();
        }
    }

    /** Status, content type and body of every path as the plain app answers them; our request ID on each and in the MDC. */
    private void assertAnswersAsWithoutAgents(AppProcess app) {
        SoftAssertions softly = new SoftAssertions();
        for (String path : PATHS) {
            HttpResult expected = Http.get(plain.appUrl(path));
            HttpResult actual = Http.get(app.appUrl(path));
            softly.assertThat(actual.status()).as("status of %s", path).isEqualTo(expected.status());
            softly.assertThat(actual.header("Content-Type")).as("content type of %s", path).isEqualTo(expected.header("Content-Type"));
            softly.assertThat(actual.body().replace(String.valueOf(app.appPort()), "{port}")).as("body of %s", path)
                    .isEqualTo(expected.body().replace(String.valueOf(plain.appPort()), "{port}"));
            softly.assertThat(actual.headerValues(HEADER)).as("request ID of %s", path).hasSize(1);
        }
        HttpResult mdc = Http.get(app.appUrl("/mdc"));
        softly.assertThat(mdc.body()).as("request ID in the application's MDC").isEqualTo(mdc.header(HEADER));
        softly.assertAll();
    }

    /** One agent_started, one request_processed and one count per request, our /metrics exact. */
    private static void assertOursExact(AppProcess app) {
        AgentEvents events = AgentEvents.of(app, "/hello");
        for (int i = 0; i < COUNTED; i++) {
            String id = AgentEvents.newRequestId();
            assertThat(Http.get(app.appUrl("/items/" + i), HEADER, id).headerValues(HEADER)).containsExactly(id);
        }
        events.settle();
        assertThat(events.requestsProcessed().stream().filter(e -> "/items/*".equals(e.get("endpoint"))))
                .as("request_processed events of /items/*").hasSize((int) ITEMS_REQUESTS);
        PrometheusText metrics = AgentMetrics.awaitNothingInFlight(app);
        assertThat(AgentMetrics.requests(metrics, Map.of("endpoint", "/items/*"))).isEqualTo(ITEMS_REQUESTS);
        assertThat(JsonLines.of(app.stdoutLines()).events("agent_started")).hasSize(1);
    }

    private static String awaitBody(AppProcess app, URI uri, String expected) {
        long deadline = System.nanoTime() + AgentMetrics.SETTLE_TIMEOUT.toNanos();
        String body = Http.get(uri).body();
        while (!body.contains(expected)) {
            assertThat(System.nanoTime() - deadline).as("%s shows %s; see %s", uri, expected, app.logFile()).isNegative();
            pause();
            body = Http.get(uri).body();
        }
        return body;
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
