package io.obsagent.instrumentation.logging.jul;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obsagent.core.applogs.AppLogFormat;
import io.obsagent.core.events.AppLogShape;
import io.obsagent.core.request.CurrentRequest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

import static org.assertj.core.api.Assertions.assertThat;

class AgentConsoleFormatterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Throwable> faults = new ArrayList<>();
    private final AppLogFormat format = new AppLogFormat("svc", AppLogShape.AGENT, new CurrentRequest(null), faults::add);

    @Test
    void onlyAConsoleHandlersFormatterIsWrappedAndOnlyOnce() {
        SimpleFormatter text = new SimpleFormatter();
        Object wrapped = AgentConsoleFormatter.forHandler(new ConsoleHandler(), text, format);
        assertThat(wrapped).isInstanceOf(AgentConsoleFormatter.class);
        assertThat(AgentConsoleFormatter.forHandler(new ConsoleHandler(), wrapped, format)).isSameAs(wrapped);
        assertThat(AgentConsoleFormatter.forHandler(new StreamHandler(), text, format)).isSameAs(text);
    }

    @Test
    void aRecordBecomesTheAgentsShapeWithItsParametersFilledIn() throws Exception {
        Formatter json = (Formatter) AgentConsoleFormatter.forHandler(new ConsoleHandler(), new SimpleFormatter(), format);
        LogRecord record = new LogRecord(Level.FINE, "hello {0}");
        record.setParameters(new Object[]{"world"});
        record.setLoggerName("org.apache.catalina.Foo");
        record.setThrown(new IllegalArgumentException("bad"));

        JsonNode line = JSON.readTree(json.format(record));
        assertThat(line.get("level").asText()).isEqualTo("debug");
        assertThat(line.get("event").asText()).isEqualTo("hello world");
        assertThat(line.get("logger").asText()).isEqualTo("org.apache.catalina.Foo");
        assertThat(line.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(line.get("exception_message").asText()).isEqualTo("bad");
        assertThat(JSON.readTree(json.format(new LogRecord(Level.SEVERE, "x"))).get("level").asText()).isEqualTo("error");
        assertThat(JSON.readTree(json.format(new LogRecord(Level.CONFIG, "x"))).get("level").asText()).isEqualTo("info");
        assertThat(JSON.readTree(json.format(new LogRecord(Level.WARNING, "x"))).get("level").asText()).isEqualTo("warning");
    }

    @Test
    void aRecordTheAgentCannotReadIsWrittenByTheApplicationsFormatterAndReported() {
        Formatter text = new Formatter() {
            @Override
            public String format(LogRecord record) {
                return "text " + record.getMessage() + "\n";
            }
        };
        Formatter json = (Formatter) AgentConsoleFormatter.forHandler(new ConsoleHandler(), text, format);
        LogRecord unreadable = new LogRecord(Level.INFO, "m") {
            @Override
            public Level getLevel() {
                throw new IllegalStateException("unreadable");
            }
        };
        assertThat(json.format(unreadable)).isEqualTo("text m\n");
        assertThat(faults).hasSize(1);
    }
}
