package io.obsagent.instrumentation.logging.log4j2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obsagent.core.applogs.AppLogFormat;
import io.obsagent.core.events.AppLogShape;
import io.obsagent.core.request.CurrentRequest;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.ConsoleAppender;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.apache.logging.log4j.message.ParameterizedMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AgentConsoleSwitchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppLogFormat format = new AppLogFormat("svc", AppLogShape.AGENT, new CurrentRequest(null), fault -> {
    });

    @Test
    void theApplicationsOwnJsonLayoutIsReplacedToo() throws Exception {
        JsonTemplateLayout own = JsonTemplateLayout.newBuilder().setConfiguration(new DefaultConfiguration())
                .setEventTemplate("{\"m\":{\"$resolver\":\"message\"}}").build();
        ConsoleAppender.Builder<?> builder = ConsoleAppender.newBuilder().setName("Console").setLayout(own);

        assertThat(new AgentConsoleSwitch(format).apply(builder)).isTrue();

        Layout<?> layout = builder.build().getLayout();
        assertThat(layout).isInstanceOf(AgentConsoleLayout.class);
        SortedArrayStringMap mdc = new SortedArrayStringMap();
        mdc.putValue("request_id", "req-9");
        LogEvent event = Log4jLogEvent.newBuilder().setLoggerName("com.example.Users").setLevel(Level.TRACE)
                .setMessage(new ParameterizedMessage("user {}", 7)).setThreadName("exec-3").setContextData(mdc)
                .setTimeMillis(1763649000123L).build();
        JsonNode line = JSON.readTree(new String(layout.toByteArray(event), StandardCharsets.UTF_8));

        assertThat(line.get("timestamp").asText()).isEqualTo("2025-11-20T14:30:00.123Z");
        assertThat(line.get("level").asText()).isEqualTo("debug");
        assertThat(line.get("event").asText()).isEqualTo("user 7");
        assertThat(line.get("thread").asText()).isEqualTo("exec-3");
        assertThat(line.get("request_id").asText()).isEqualTo("req-9");
        assertThat(line.has("m")).isFalse();
    }
}
