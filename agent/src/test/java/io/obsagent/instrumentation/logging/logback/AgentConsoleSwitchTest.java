package io.obsagent.instrumentation.logging.logback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.ConsoleAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obsagent.core.applogs.AppLogFormat;
import io.obsagent.core.events.AppLogShape;
import io.obsagent.core.request.CurrentRequest;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AgentConsoleSwitchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Throwable> faults = new ArrayList<>();
    private final AppLogFormat format = new AppLogFormat("svc", AppLogShape.AGENT, new CurrentRequest(null), faults::add);
    private final LoggerContext context = new LoggerContext();

    @Test
    void theConsoleEncoderIsReplacedAndWritesTheEventInTheAgentsShape() throws Exception {
        ConsoleAppender<ILoggingEvent> console = console();
        assertThat(new AgentConsoleSwitch(format).apply(console)).isTrue();
        assertThat(new AgentConsoleSwitch(format).apply(console)).as("switched once only").isFalse();

        LoggingEvent event = event(Level.WARN);
        event.setMDCPropertyMap(Map.of("request_id", "req-1", "tenant", "acme"));
        event.setThrowableProxy(new ThrowableProxy(new IllegalStateException("boom")));
        JsonNode line = JSON.readTree(new String(console.getEncoder().encode(event), StandardCharsets.UTF_8));

        assertThat(line.get("level").asText()).isEqualTo("warning");
        assertThat(line.get("logger").asText()).isEqualTo("com.example.Foo");
        assertThat(line.get("event").asText()).isEqualTo("hello world");
        assertThat(line.get("thread").asText()).isEqualTo("worker-1");
        assertThat(line.get("request_id").asText()).isEqualTo("req-1");
        assertThat(line.get("tenant").asText()).isEqualTo("acme");
        assertThat(line.get("exception_type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.get("stack_trace").asText()).startsWith("java.lang.IllegalStateException: boom");
    }

    @Test
    void theApplicationsOwnJsonEncoderIsReplacedToo() throws Exception {
        LogstashEncoder own = new LogstashEncoder();
        own.setContext(context);
        own.start();
        ConsoleAppender<ILoggingEvent> console = console();
        console.setEncoder(own);

        assertThat(new AgentConsoleSwitch(format).apply(console)).isTrue();
        LoggingEvent event = event(Level.INFO);
        event.setMDCPropertyMap(Map.of());
        JsonNode line = JSON.readTree(new String(console.getEncoder().encode(event), StandardCharsets.UTF_8));
        assertThat(line.get("event").asText()).isEqualTo("hello world");
        assertThat(line.has("@timestamp")).isFalse();
    }

    @Test
    void anEventTheAgentCannotReadIsWrittenByTheApplicationsEncoderAndReported() {
        ConsoleAppender<ILoggingEvent> console = console();
        new AgentConsoleSwitch(format).apply(console);

        LoggingEvent event = event(null);
        assertThat(new String(console.getEncoder().encode(event), StandardCharsets.UTF_8)).isEqualTo("text hello world\n");
        assertThat(faults).hasSize(1);
    }

    private ConsoleAppender<ILoggingEvent> console() {
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern("text %msg%n");
        text.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setEncoder(text);
        return console;
    }

    private static LoggingEvent event(Level level) {
        LoggingEvent event = new LoggingEvent();
        event.setLevel(level);
        event.setLoggerName("com.example.Foo");
        event.setThreadName("worker-1");
        event.setMessage("hello {}");
        event.setArgumentArray(new Object[]{"world"});
        event.setTimeStamp(1763649000123L);
        return event;
    }
}
