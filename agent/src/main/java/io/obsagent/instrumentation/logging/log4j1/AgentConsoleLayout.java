package io.obsagent.instrumentation.logging.log4j1;

import io.obsagent.core.applogs.AppLogFormat;
import org.apache.log4j.Layout;
import org.apache.log4j.spi.LoggingEvent;

/**
 * The layout a Log4j 1.2 console appender gets with {@code app_logs.json}: each event becomes the agent's JSON line,
 * which the appender writes through its own writer as it wrote its text. The application's layout is kept: an event
 * the agent cannot format is written by it, as before.
 */
final class AgentConsoleLayout extends Layout {

    private final AppLogFormat format;
    private final Layout original;

    AgentConsoleLayout(AppLogFormat format, Layout original) {
        this.format = format;
        this.original = original;
    }

    @Override
    public String format(LoggingEvent event) {
        String line = format.line(new Log4j1Record(event));
        return line != null ? line : original.format(event);
    }

    /** The stack trace is in the line: the appender must not print it again after it. */
    @Override
    public boolean ignoresThrowable() {
        return false;
    }

    @Override
    public String getContentType() {
        return "application/json";
    }

    @Override
    public void activateOptions() {
    }
}
