package io.obsagent.instrumentation.logging.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.obsagent.core.applogs.AppLogFormat;

import java.util.function.Function;

/**
 * Gives a Logback {@code ConsoleAppender}, before it starts, the {@link AgentConsoleEncoder} in place of whatever
 * encoder the application configured (text or its own JSON). Runs beside the application's Logback in the agent's
 * adapter loader (see {@code AppLogsClassLoader}); reached through {@link Function} so only JDK types cross.
 */
public final class AgentConsoleSwitch implements Function<Object, Boolean> {

    private final AppLogFormat format;

    public AgentConsoleSwitch(AppLogFormat format) {
        this.format = format;
    }

    /** False when there is nothing to replace: no encoder yet (Logback refuses to start), or already the agent's. */
    @Override
    public Boolean apply(Object appender) {
        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) appender;
        Encoder<ILoggingEvent> current = console.getEncoder();
        if (current == null || current instanceof AgentConsoleEncoder) {
            return Boolean.FALSE;
        }
        AgentConsoleEncoder json = new AgentConsoleEncoder(format, current);
        json.setContext(console.getContext());
        json.start();
        console.setEncoder(json);
        return Boolean.TRUE;
    }
}
