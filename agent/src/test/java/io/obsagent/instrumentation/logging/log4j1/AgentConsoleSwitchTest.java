package io.obsagent.instrumentation.logging.log4j1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obsagent.core.applogs.AppLogFormat;
import io.obsagent.core.events.AppLogShape;
import io.obsagent.core.request.CurrentRequest;
import org.apache.log4j.ConsoleAppender;
import org.apache.log4j.Level;
import org.apache.log4j.Logger;
import org.apache.log4j.PatternLayout;
import org.apache.log4j.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgentConsoleSwitchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppLogFormat format = new AppLogFormat("svc", AppLogShape.AGENT, new CurrentRequest(null), fault -> {
    });

    @Test
    void aPatternLayoutConsoleWritesTheAgentsShapeWithTheStackTraceInTheLine() throws Exception {
        ConsoleAppender console = new ConsoleAppender();
        console.setLayout(new PatternLayout("%m%n"));

        assertThat(new AgentConsoleSwitch(format).apply(console)).isTrue();
        assertThat(new AgentConsoleSwitch(format).apply(console)).isFalse();

        LoggingEvent event = new LoggingEvent(Logger.class.getName(), Logger.getLogger("com.example.Legacy"),
                Level.FATAL, "legacy failed", new IllegalStateException("boom"));
        assertThat(console.getLayout().ignoresThrowable()).isFalse();
        JsonNode line = JSON.readTree(console.getLayout().format(event));
        assertThat(line.get("level").asText()).isEqualTo("error");
        assertThat(line.get("logger").asText()).isEqualTo("com.example.Legacy");
        assertThat(line.get("event").asText()).isEqualTo("legacy failed");
        assertThat(line.get("exception_type").asText()).isEqualTo("java.lang.IllegalStateException");
    }
}
