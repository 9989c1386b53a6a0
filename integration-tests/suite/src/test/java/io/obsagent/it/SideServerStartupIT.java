package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.JsonLines;
import org.junit.jupiter.api.Test;

/** How the side server comes up, or does not: any free port, disabled, or its port already taken. */
class SideServerStartupIT {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void portZeroTakesAFreePortAndAgentStartedNamesIt() {
        try (AppProcess app = AppProcess.builder(Apps.sampleApp()).withAgent("server.port=0").start()) {
            Map<String, Object> started = agentStarted(app);
            String server = (String) started.get("server");
            assertThat(server).matches("0\\.0\\.0\\.0:\\d+").isNotEqualTo("0.0.0.0:0");
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            assertThat(Http.get(URI.create("http://127.0.0.1:" + port + "/health/live")).body())
                    .isEqualTo("{\"status\":\"ok\",\"service\":\"sample-app\"}");
        }
    }

    @Test
    void aDisabledServerListensNowhereAndTheApplicationRuns() {
        try (AppProcess app = AppProcess.builder(Apps.sampleApp()).withAgent("server.enabled=false").start()) {
            assertThat(agentStarted(app)).containsEntry("server", "disabled");
            app.awaitReady();
            assertThatThrownBy(() -> Http.get(app.sideUrl("/health/live"), Duration.ofSeconds(2)))
                    .isInstanceOf(UncheckedIOException.class);
        }
    }

    @Test
    void aTakenPortIsAnAgentErrorAndTheApplicationRunsOn() throws IOException {
        try (ServerSocket taken = new ServerSocket(0);
             AppProcess app = AppProcess.builder(Apps.sampleApp()).withAgent("server.port=" + taken.getLocalPort()).start()) {
            app.awaitLine(JsonLines.event("agent_error"), EVENT_TIMEOUT);
            Map<String, Object> error = JsonLines.of(app.stdoutLines()).singleEvent("agent_error");
            assertThat(error).containsEntry("level", "error").containsEntry("where", "server");
            assertThat((String) error.get("error")).contains(":" + taken.getLocalPort()).containsIgnoringCase("in use");
            assertThat(agentStarted(app)).containsEntry("server", "unavailable");
            app.awaitReady();
            assertThat(Http.postJson(app.appUrl("/api/v1/tasks"), "{\"title\":\"still serving\"}").status()).isEqualTo(201);
            assertThat(app.isAlive()).isTrue();
        }
    }

    private static Map<String, Object> agentStarted(AppProcess app) {
        app.awaitLine(JsonLines.event("agent_started"), EVENT_TIMEOUT);
        return JsonLines.of(app.stdoutLines()).singleEvent("agent_started");
    }
}
