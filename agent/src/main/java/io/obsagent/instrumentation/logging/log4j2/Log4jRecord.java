package io.obsagent.instrumentation.logging.log4j2;

import io.obsagent.core.applogs.AppLogRecord;
import io.obsagent.core.events.Level;
import org.apache.logging.log4j.core.LogEvent;

/** A Log4j 2 event as the agent's formatter reads it; only methods Log4j 2.7 and later all have. */
final class Log4jRecord extends AppLogRecord {

    /** Log4j's levels count down: FATAL is 100, ERROR 200, WARN 300, INFO 400, DEBUG 500, TRACE 600. */
    private static final int ERROR = 200;
    private static final int WARN = 300;
    private static final int INFO = 400;

    private final LogEvent event;

    Log4jRecord(LogEvent event) {
        this.event = event;
    }

    @Override
    public long timestampMillis() {
        return event.getTimeMillis();
    }

    @Override
    public Level level() {
        // Counted down, so compared negated.
        return byThresholds(-event.getLevel().intLevel(), -ERROR, -WARN, -INFO);
    }

    @Override
    public String logger() {
        return event.getLoggerName();
    }

    @Override
    public String message() {
        return event.getMessage() == null ? "" : event.getMessage().getFormattedMessage();
    }

    @Override
    public String thread() {
        return event.getThreadName();
    }

    @Override
    public void copyContext(final Context into) {
        event.getContextData().forEach((key, value) -> into.put(key, value == null ? null : String.valueOf(value)));
    }

    @Override
    public boolean onLoggingThread() {
        return event.getThreadId() == Thread.currentThread().getId();
    }

    @Override
    public Throwable thrown() {
        return event.getThrown();
    }
}
