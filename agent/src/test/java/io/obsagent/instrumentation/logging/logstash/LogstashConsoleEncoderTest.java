package io.obsagent.instrumentation.logging.logstash;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.ContextBase;
import ch.qos.logback.core.encoder.EchoEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs unrelocated here; the packaged, relocated copy is exercised by NestedEncoderJarIT. */
class LogstashConsoleEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTextConsoleAppenderWritesLogstashJsonWithMdcKeysAtTheTop() throws Exception {
        LoggerContext context = new LoggerContext();
        ConsoleAppender<ILoggingEvent> console = textConsole(context);

        assertThat(new LogstashConsoleEncoder().apply(console)).isTrue();

        assertThat(console.getEncoder()).isInstanceOf(LogstashEncoder.class);
        assertThat(console.getEncoder().isStarted()).isTrue();
        LoggingEvent event = new LoggingEvent();
        event.setLevel(Level.ERROR);
        event.setLoggerName("com.example.tasks.TaskService");
        event.setThreadName("http-nio-8080-exec-1");
        event.setMessage("task created id=7");
        event.setTimeStamp(1763649000123L);
        event.setMDCPropertyMap(Map.of("request_id", "req-1", "method", "POST", "path", "/api/v1/tasks"));
        event.setThrowableProxy(new ThrowableProxy(new IllegalStateException("boom")));
        String line = new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("\n");
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        JsonNode json = JSON.readTree(line);
        assertThat(json.get("message").asText()).isEqualTo("task created id=7");
        assertThat(json.get("level").asText()).isEqualTo("ERROR");
        assertThat(json.get("logger_name").asText()).isEqualTo("com.example.tasks.TaskService");
        assertThat(json.get("thread_name").asText()).isEqualTo("http-nio-8080-exec-1");
        assertThat(json.get("@timestamp").asText()).startsWith("20");
        assertThat(json.get("stack_trace").asText()).contains("IllegalStateException: boom");
        assertThat(json.get("request_id").asText()).isEqualTo("req-1");
        assertThat(json.get("method").asText()).isEqualTo("POST");
        assertThat(json.get("path").asText()).isEqualTo("/api/v1/tasks");
    }

    @Test
    void anEncoderThatIsNotATextLayoutIsTheApplicationsChoiceAndStays() {
        LoggerContext context = new LoggerContext();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        EchoEncoder<ILoggingEvent> own = new EchoEncoder<>();
        console.setEncoder(own);

        assertThat(new LogstashConsoleEncoder().apply(console)).isFalse();
        assertThat(console.getEncoder()).isSameAs(own);
    }

    @Test
    void aConsoleAppenderOfAnotherKindOfContextStays() {
        ConsoleAppender<Object> console = new ConsoleAppender<>();
        console.setContext(new ContextBase());
        ch.qos.logback.core.encoder.LayoutWrappingEncoder<Object> text = new ch.qos.logback.core.encoder.LayoutWrappingEncoder<>();
        console.setEncoder(text);

        assertThat(new LogstashConsoleEncoder().apply(console)).isFalse();
        assertThat(console.getEncoder()).isSameAs(text);
    }

    private static ConsoleAppender<ILoggingEvent> textConsole(LoggerContext context) {
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern("%d %level %logger - %msg%n");
        text.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setEncoder(text);
        return console;
    }
}
