package io.obsagent.instrumentation.logging.log4j1;

import io.obsagent.core.applogs.AppLogFormat;
import org.apache.log4j.ConsoleAppender;
import org.apache.log4j.Layout;

import java.util.function.Function;

/**
 * Gives a Log4j 1.2 (or reload4j) {@code ConsoleAppender}, as its options are activated, the {@link AgentConsoleLayout}
 * in place of whatever layout the application configured. Runs beside the application's Log4j in the agent's
 * adapter loader (see {@code AppLogsClassLoader}); reached through {@link Function} so only JDK types cross.
 */
public final class AgentConsoleSwitch implements Function<Object, Boolean> {

    private final AppLogFormat format;

    public AgentConsoleSwitch(AppLogFormat format) {
        this.format = format;
    }

    /** False when there is nothing to replace: no layout (Log4j refuses to append), or already the agent's. */
    @Override
    public Boolean apply(Object appender) {
        ConsoleAppender console = (ConsoleAppender) appender;
        Layout current = console.getLayout();
        if (current == null || current instanceof AgentConsoleLayout) {
            return Boolean.FALSE;
        }
        console.setLayout(new AgentConsoleLayout(format, current));
        return Boolean.TRUE;
    }
}
