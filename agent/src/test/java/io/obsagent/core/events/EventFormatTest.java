package io.obsagent.core.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;

class EventFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyLineHasTheCommonHeadInOrder() throws Exception {
        String line = new EventFormat("task-api").format(AgentEvents.error("server", "port taken"));
        assertThat(line).endsWith("}\n").doesNotContain("\n{");
        assertThat(line).startsWith("{\"timestamp\":\"").contains("\",\"level\":\"error\",\"logger\":\"obs.agent\",\"event\":\"agent_error\",\"service\":\"task-api\"");
        JsonNode node = JSON.readTree(line);
        assertThat(node.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(node.get("where").asText()).isEqualTo("server");
        assertThat(node.get("error").asText()).isEqualTo("port taken");
    }

    @Test
    void hostileStringsStayInsideTheirField() throws Exception {
        String hostile = "\"}\n{\"event\":\"forged\"}\r\u0000\u2028\\ \uD800 é 日本 \uD83D\uDE00";
        String line = new EventFormat(hostile).format(AgentEvents.error(hostile, hostile));
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        assertThat(line).doesNotContain("\r").doesNotContain("\u2028");
        JsonNode node = JSON.readTree(line);
        assertThat(node.get("event").asText()).isEqualTo("agent_error");
        assertThat(node.get("service").asText()).isEqualTo(hostile.replace("\uD800", "\uD800"));
        assertThat(node.get("error").asText()).startsWith("\"}\n{\"event\":\"forged\"}").contains("é 日本 \uD83D\uDE00");
    }

    @Test
    void millisecondsAreWrittenWithThreeDigitsAfterMidnight() {
        StringBuilder out = new StringBuilder();
        new Timestamps().append(out, 0L);
        assertThat(out).hasToString("1970-01-01T00:00:00.000Z");
        out.setLength(0);
        new Timestamps().append(out, 1763649000123L);
        assertThat(out).hasToString("2025-11-20T14:30:00.123Z");
    }

    @Test
    void durationsAreMillisecondsWithMicrosecondPrecision() throws Exception {
        Event event = new Event(Level.INFO, "obs.access", "x") {
            @Override
            protected void writeFields(JsonFields fields) {
                fields.millis("a", 3_214_567L).millis("b", 5_000L).millis("c", 12_000_000_000L).number("n", 200);
            }
        };
        String line = new EventFormat("s").format(event);
        assertThat(line).contains("\"a\":3.214,\"b\":0.005,\"c\":12000.000,\"n\":200");
        assertThat(JSON.readTree(line).get("a").isNumber()).isTrue();
    }

    @Test
    void nestedObjectsAndEmptyEvents() throws Exception {
        Event bare = new FieldsEvent(Level.INFO, "obs.agent", "bare");
        assertThat(JSON.readTree(new EventFormat("s").format(bare)).size()).isEqualTo(5);
        Event started = AgentEvents.started("1.0.0", "0.1.0", "dev", "0.0.0.0:9464", Collections.singletonMap("server.port", "9464"));
        JsonNode node = JSON.readTree(new EventFormat("s").format(started));
        assertThat(node.get("config").get("server.port").asText()).isEqualTo("9464");
    }

    @Test
    void aStandaloneObjectIsValidJsonWithEscapedValues() throws Exception {
        String json = JsonFields.object(f -> f.string("status", "not_ready")
                .object("checks", java.util.Collections.singletonMap("database", "failed"))
                .string("error", "database: \"x\"\n"));
        assertThat(json).isEqualTo("{\"status\":\"not_ready\",\"checks\":{\"database\":\"failed\"},"
                + "\"error\":\"database: \\\"x\\\"\\n\"}");
        assertThat(JSON.readTree(json).get("error").asText()).isEqualTo("database: \"x\"\n");
        assertThat(JsonFields.object(f -> { })).isEqualTo("{}");
    }
}
