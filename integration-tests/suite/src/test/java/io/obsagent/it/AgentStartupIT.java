package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.JarManifest;
import io.obsagent.it.harness.JsonLines;
import org.junit.jupiter.api.Test;

/** What an operator sees on stdout when the agent starts (agent/SPEC.md §1, §4). */
class AgentStartupIT {

    private static final String TIMESTAMP = "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$";
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(10);

    @Test
    void agentStartedIsOneJsonLineWithTheContractFields() {
        try (AppProcess app = AppProcess.builder(Apps.sampleApp()).withAgent().start()) {
            app.awaitReady();
            app.awaitLine(JsonLines.event("agent_started"), EVENT_TIMEOUT);

            Map<String, Object> started = JsonLines.of(app.stdoutLines()).singleEvent("agent_started");
            assertThat((String) started.get("timestamp")).matches(TIMESTAMP);
            assertThat(started)
                    .containsEntry("level", "info")
                    .containsEntry("logger", "obs.agent")
                    .containsEntry("service", "sample-app")
                    .containsEntry("version", JarManifest.implementationVersion(Apps.sampleApp().path()).orElse("unknown"))
                    .containsEntry("environment", "development")
                    .containsEntry("server", "0.0.0.0:" + app.sidePort());
            assertThat((String) started.get("agent_version")).isNotBlank();
        }
    }

    @Test
    void malformedServerPortIsReportedAndTheAppStillServes() {
        try (AppProcess app = AppProcess.builder(Apps.sampleApp())
                .withAgent()
                .systemProperty("obs.server.port", "abc")
                .start()) {
            app.awaitReady();
            app.awaitLine(JsonLines.event("agent_config_error"), EVENT_TIMEOUT);

            Map<String, Object> configError = JsonLines.of(app.stdoutLines()).singleEvent("agent_config_error");
            assertThat(configError).containsEntry("key", "server.port").containsEntry("value", "abc");
            assertThat((String) configError.get("error")).isNotBlank();
            assertThat(Http.postJson(app.appUrl("/api/v1/tasks"), "{\"title\":\"still served\"}").status()).isEqualTo(201);
            assertThat(Http.get(app.appUrl("/api/v1/tasks")).status()).isEqualTo(200);
        }
    }
}
