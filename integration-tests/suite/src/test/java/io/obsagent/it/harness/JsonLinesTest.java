package io.obsagent.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class JsonLinesTest {

    private final JsonLines lines = JsonLines.of(List.of(
            "2025-11-20 INFO plain log line",
            "{\"event\":\"agent_started\",\"server\":\"0.0.0.0:9464\"}",
            "{\"event\":\"request_processed\",\"status\":200}",
            "{\"event\":\"request_processed\",\"status\":404}",
            "{\"event\":\"torn"));

    @Test
    void keepsJsonObjectsAndSetsTornOnesApart() {
        assertThat(lines.objects()).hasSize(3);
        assertThat(lines.malformed()).containsExactly("{\"event\":\"torn");
    }

    @Test
    void findsEventsByName() {
        assertThat(lines.singleEvent("agent_started")).containsEntry("server", "0.0.0.0:9464");
        assertThat(lines.events("request_processed")).extracting(event -> event.get("status")).containsExactly(200, 404);
        assertThatThrownBy(() -> lines.singleEvent("request_processed")).isInstanceOf(AssertionError.class);
    }

    @Test
    void matchesAnEventLine() {
        assertThat(JsonLines.event("agent_started")).accepts("{\"event\":\"agent_started\"}")
                .rejects("agent_started", "{\"event\":\"agent_error\"}", "{");
    }
}
