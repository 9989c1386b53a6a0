package io.obsagent.instrumentation.logging.logstash;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import net.logstash.logback.encoder.LogstashEncoder;

import java.util.Collections;
import java.util.function.Function;

/**
 * Gives a Logback {@code ConsoleAppender} that writes text a {@link LogstashEncoder} instead, so each line
 * becomes one JSON object with the MDC keys as top-level fields.
 *
 * <p>This package never ships in the agent jar's own class path: the build relocates it, together with
 * logstash-logback-encoder and its Jackson, into a nested jar that {@code AppLogsClassLoader} defines on top of
 * the application's Logback class loader. Logback and SLF4J therefore resolve to the application's copies,
 * while the encoder and Jackson are the agent's private, relocated ones. Only JDK types cross back to the agent.
 */
public final class LogstashConsoleEncoder implements Function<Object, Boolean> {

    /**
     * Replaces the appender's encoder before the appender starts. Returns false when there was nothing to do:
     * an encoder that does not wrap a text layout is the application's own choice (often JSON already) and
     * stays. Throws when this Logback cannot run the encoder; the appender is then left exactly as it was.
     */
    @Override
    public Boolean apply(Object appender) {
        ConsoleAppender<?> console = (ConsoleAppender<?>) appender;
        Encoder<?> current = console.getEncoder();
        if (!(current instanceof LayoutWrappingEncoder) || !(console.getContext() instanceof LoggerContext)) {
            return Boolean.FALSE;
        }
        LogstashEncoder json = new LogstashEncoder();
        json.setContext(console.getContext());
        // The logger context's properties are configuration, not facts about the event: Spring Boot alone puts
        // a dozen log patterns there, which would more than double every line.
        json.setIncludeContext(false);
        json.start();
        probe(json);
        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> events = (ConsoleAppender<ILoggingEvent>) console;
        events.setEncoder(json);
        return Boolean.TRUE;
    }

    /**
     * Encodes one synthetic event, so that a Logback whose API the encoder does not match fails here, inside
     * the agent, and never later inside the application's own logging call.
     */
    private static void probe(LogstashEncoder json) {
        LoggingEvent event = new LoggingEvent();
        event.setLevel(Level.INFO);
        event.setLoggerName("obs.agent.probe");
        event.setThreadName(Thread.currentThread().getName());
        event.setMessage("probe");
        event.setTimeStamp(System.currentTimeMillis());
        event.setMDCPropertyMap(Collections.<String, String>emptyMap());
        byte[] line = json.encode(event);
        if (line == null || line.length == 0) {
            throw new IllegalStateException("LogstashEncoder produced no output");
        }
    }
}
