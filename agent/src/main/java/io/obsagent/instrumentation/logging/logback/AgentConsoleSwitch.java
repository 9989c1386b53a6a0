package io.obsagent.instrumentation.logging.logback;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.obsagent.core.applogs.AppLogFormat;
import io.obsagent.instrumentation.logging.ConsoleSwitch;

/**
 * Gives a Logback {@code ConsoleAppender}, before it starts, the {@link AgentConsoleEncoder} in place of whatever
 * encoder the application configured (text or its own JSON). Runs beside the application's Logback in the agent's
 * adapter loader (see {@code AppLogsClassLoader}). An appender without an encoder is left: Logback refuses to start it.
 */
public final class AgentConsoleSwitch extends ConsoleSwitch<Encoder<ILoggingEvent>> {

    public AgentConsoleSwitch(AppLogFormat format) {
        super(format);
    }

    @Override
    protected Encoder<ILoggingEvent> current(Object console) {
        return events(console).getEncoder();
    }

    @Override
    protected boolean isAgents(Encoder<ILoggingEvent> encoder) {
        return encoder instanceof AgentConsoleEncoder;
    }

    @Override
    protected void install(Object console, Encoder<ILoggingEvent> original) {
        ConsoleAppender<ILoggingEvent> appender = events(console);
        AgentConsoleEncoder json = new AgentConsoleEncoder(format, original);
        json.setContext(appender.getContext());
        json.start();
        appender.setEncoder(json);
    }

    @SuppressWarnings("unchecked")
    private static ConsoleAppender<ILoggingEvent> events(Object console) {
        return (ConsoleAppender<ILoggingEvent>) console;
    }
}
