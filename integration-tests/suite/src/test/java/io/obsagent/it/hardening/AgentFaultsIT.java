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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * agent/SPEC.md §6: a fault inside the agent, or in what it was given, is reported and never reaches the application.
 * The side port already taken is in {@code SideServerStartupIT}, a database that goes away in {@code ReadinessIT}.
 */
@Tag("hardening")
class AgentFaultsIT {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);

    /** Requests to the Jetty 9 app, with the status and body it answers without the agent. */
    private record Expected(String path, int status, String body) {
    }

    private static final List<Expected> REQUESTS = List.of(
            new Expected("/hello", 200, "hello"), new Expected("/items/42", 200, "/42"),
            new Expected("/async?delayMs=20", 200, "async done"),
            new Expected("/secured/area", 401, "unauthorized"), new Expected("/fail", 500, null),
            new Expected("/no/such/path", 404, null));

    @TempDir
    Path dir;

    /** A path whose parent is a regular file cannot be created, even by root (a read-only directory can). */
    @Test
    void anUnwritableLogTargetIsOneAgentErrorAndTheEventsGoToStdout() throws IOException {
        Path regularFile = Files.writeString(dir.resolve("a-regular-file"), "untouched");
        Path target = regularFile.resolve("events.log");
        try (AppProcess app = AppProcess.builder(Apps.jetty9()).withAgent("log.target=file:" + target).start()) {
            app.awaitReady();
            app.awaitLine(JsonLines.event("agent_started"), EVENT_TIMEOUT);
            AgentEvents events = AgentEvents.of(app, "/hello");
            for (int i = 0; i < 5; i++) {
                assertThat(Http.get(app.appUrl("/hello")).body()).isEqualTo("hello");
            }
            events.settle();

            JsonLines stdout = JsonLines.of(app.stdoutLines());
            Map<String, Object> error = stdout.singleEvent("agent_error");
            assertThat(error).containsEntry("level", "error").containsEntry("where", "log.target");
            assertThat((String) error.get("error")).contains(target.toString()).contains("stdout");
            assertThat(stdout.events("request_processed")).hasSizeGreaterThanOrEqualTo(6);
            assertThat(regularFile).hasContent("untouched");
            assertThat(app.isAlive()).isTrue();
        }
    }

    /** A missing file, and a directory given as the file: reported, then every other key takes its default. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"missing", "directory"})
    void anUnreadableConfigFileIsAConfigErrorAndTheDefaultsApply(String kind) throws IOException {
        Path file = dir.resolve("obs-agent.properties");
        if (kind.equals("directory")) {
            Files.createDirectory(file);
        }
        int sidePort = AppProcessBuilder.freePort(); // not the default 9464, which another process may hold
        try (AppProcess app = AppProcess.builder(Apps.jetty9()).withAgent("server.port=" + sidePort)
                .systemProperty("obs.config.file", file.toString()).start()) {
            app.awaitReady();
            app.awaitLine(JsonLines.event("agent_started"), EVENT_TIMEOUT);

            JsonLines stdout = JsonLines.of(app.stdoutLines());
            Map<String, Object> problem = stdout.singleEvent("agent_config_error");
            assertThat(problem).containsEntry("key", "config.file").containsEntry("value", file.toString());
            assertThat((String) problem.get("error")).startsWith("cannot read the file: ");
            assertThat(stdout.events("agent_error")).isEmpty();
            Map<String, Object> started = stdout.singleEvent("agent_started");
            assertThat(started).containsEntry("environment", "development").containsEntry("server", "0.0.0.0:" + sidePort);
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) started.get("config");
            assertThat(config).containsEntry("log.level", "info")
                    .containsEntry("log.target", "stdout").containsEntry("access_log.enabled", "true");
            assertThat(Http.get(app.appUrl("/hello")).body()).isEqualTo("hello");
            URI live = URI.create("http://127.0.0.1:" + sidePort + "/health/live");
            assertThat(Http.get(live).status()).isEqualTo(200);
        }
    }

    /**
     * {@code debug.inject_fault} makes the agent's core throw on every request, at the end of starting one (after
     * it is counted in flight and the logging context is open) or at the start of ending one. Every response is
     * what the application answers without the agent, each fault is counted once, logged once per kind, and the
     * agent leaves nothing behind: nothing in flight, no request ID in the application's logging context.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"request.start", "request.end"})
    void aFaultInTheAgentsRequestPathNeverReachesTheApplication(String point) {
        try (AppProcess app = AppProcess.builder(Apps.jetty9()).withAgent("debug.inject_fault=" + point).start()) {
            app.awaitReady();
            double before = AgentMetrics.agentErrors(AgentMetrics.scrape(app), point);

            SoftAssertions softly = new SoftAssertions();
            for (Expected expected : REQUESTS) {
                HttpResult response = Http.get(app.appUrl(expected.path()));
                softly.assertThat(response.status()).as("status of %s", expected.path()).isEqualTo(expected.status());
                if (expected.body() != null) {
                    softly.assertThat(response.body()).as("body of %s", expected.path()).isEqualTo(expected.body());
                }
                softly.assertThat(response.headerValues("X-Request-ID")).as("request ID of %s", expected.path())
                        .hasSize(point.equals("request.start") ? 0 : 1);
            }
            // The application's logging context: the request's ID while the agent follows the request, else nothing.
            HttpResult mdc = Http.get(app.appUrl("/mdc"));
            softly.assertThat(mdc.body()).as("request ID in the MDC")
                    .isEqualTo(point.equals("request.start") ? "none" : mdc.header("X-Request-ID"));
            softly.assertAll();

            double faults = before + REQUESTS.size() + 1;
            PrometheusText metrics = AgentMetrics.await(app, "obs_agent_errors_total{where=\"" + point + "\"} >= " + faults,
                    m -> AgentMetrics.agentErrors(m, point) >= faults);
            PrometheusText settled = AgentMetrics.awaitNothingInFlight(app);
            if (point.equals("request.end")) {
                assertThat(AgentMetrics.agentErrors(settled, point)).as("one fault per request").isEqualTo(faults);
            } else {
                // A request the agent could not start is tried again by each filter and servlet it passes through.
                assertThat(AgentMetrics.agentErrors(settled, point)).as("faults").isEqualTo(AgentMetrics.agentErrors(metrics, point));
            }
            List<Map<String, Object>> errors = JsonLines.of(app.stdoutLines()).events("agent_error");
            assertThat(errors).as("logged once, counted every time").singleElement()
                    .satisfies(error -> assertThat(error).containsEntry("where", point));
            assertThat((String) errors.get(0).get("error")).contains("fault injected at " + point);
            assertThat(app.isAlive()).isTrue();
        }
    }
}
