package io.obsagent.instrumentation.logging.jul;

import io.obsagent.core.applogs.AppLogFormat;

import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * The formatter a {@code java.util.logging.ConsoleHandler} (the JDK's, which Tomcat's stock logging.properties
 * configures with JULI's {@code OneLineFormatter}) gets with {@code app_logs.json}. The handler calls it on the
 * logging thread and writes its line through its own stream. The application's formatter is kept: a record the
 * agent cannot format is written by it, as before.
 */
public final class AgentConsoleFormatter extends Formatter {

    private final AppLogFormat format;
    private final Formatter original;

    private AgentConsoleFormatter(AppLogFormat format, Formatter original) {
        this.format = format;
        this.original = original;
    }

    /** What {@code handler} is given in place of {@code formatter}: this, for a console handler; else unchanged. */
    public static Object forHandler(Object handler, Object formatter, AppLogFormat format) {
        if (!(handler instanceof java.util.logging.ConsoleHandler) || !(formatter instanceof Formatter)
                || formatter instanceof AgentConsoleFormatter) {
            return formatter;
        }
        return new AgentConsoleFormatter(format, (Formatter) formatter);
    }

    @Override
    public String format(LogRecord record) {
        String line = format.line(new JulRecord(record, this));
        return line != null ? line : original.format(record);
    }

    @Override
    public String getHead(Handler handler) {
        return "";
    }

    @Override
    public String getTail(Handler handler) {
        return "";
    }
}
