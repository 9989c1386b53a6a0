package io.obsagent.instrumentation.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The encoder jar as shipped inside the agent jar, defined on top of this test's Logback 1.5 the way the agent
 * does it at run time: the relocated encoder writes JSON for the test's own, unrelocated Logback objects.
 */
class NestedEncoderJarIT {

    @Test
    @SuppressWarnings("unchecked")
    void theShippedEncoderSwitchesAnApplicationsConsoleAppender(@TempDir Path dir) throws Exception {
        Path nested = dir.resolve("encoder.jar");
        try (JarFile agent = new JarFile(System.getProperty("obs.agent.jar"));
             InputStream in = agent.getInputStream(agent.getEntry(EncoderJar.RESOURCE))) {
            Files.copy(in, nested);
        }
        LoggerContext context = new LoggerContext();
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern("%msg%n");
        text.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setEncoder(text);

        try (AppLogsClassLoader loader = new AppLogsClassLoader(nested.toUri().toURL(), getClass().getClassLoader())) {
            Function<Object, Boolean> swap = (Function<Object, Boolean>) Class.forName(
                    "io.obsagent.instrumentation.logging.logstash.LogstashConsoleEncoder", true, loader)
                    .getDeclaredConstructor().newInstance();
            assertThat(swap.getClass().getClassLoader()).isSameAs(loader);

            assertThat(swap.apply(console)).isTrue();

            Encoder<ILoggingEvent> json = console.getEncoder();
            assertThat(json.getClass().getName()).isEqualTo("io.obsagent.shaded.applogs.logstash.encoder.LogstashEncoder");
            assertThat(json.getClass().getClassLoader()).isSameAs(loader);
            LoggingEvent event = new LoggingEvent();
            event.setLevel(Level.INFO);
            event.setLoggerName("com.example.tasks.TaskService");
            event.setThreadName("exec-1");
            event.setMessage("task created id=1");
            event.setTimeStamp(System.currentTimeMillis());
            event.setMDCPropertyMap(Map.of("request_id", "abc"));
            JsonNode line = new ObjectMapper().readTree(new String(json.encode(event), StandardCharsets.UTF_8));
            assertThat(line.get("message").asText()).isEqualTo("task created id=1");
            assertThat(line.get("request_id").asText()).isEqualTo("abc");
        }
    }
}
