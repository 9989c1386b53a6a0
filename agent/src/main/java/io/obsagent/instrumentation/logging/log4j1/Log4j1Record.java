package io.obsagent.instrumentation.logging.log4j1;

import io.obsagent.core.applogs.AppLogRecord;
import io.obsagent.core.events.Level;
import org.apache.log4j.Priority;
import org.apache.log4j.spi.LoggingEvent;
import org.apache.log4j.spi.ThrowableInformation;

import java.util.Map;

/** A Log4j 1.2 (or reload4j) event as the agent's formatter reads it; only what Log4j 1.2.15 and later all have. */
final class Log4j1Record extends AppLogRecord {

    private final LoggingEvent event;

    Log4j1Record(LoggingEvent event) {
        this.event = event;
    }

    @Override
    public long timestampMillis() {
        return event.timeStamp;
    }

    @Override
    public Level level() {
        return byThresholds(event.getLevel().toInt(), Priority.ERROR_INT, Priority.WARN_INT, Priority.INFO_INT);
    }

    @Override
    public String logger() {
        return event.getLoggerName();
    }

    @Override
    public String message() {
        return event.getRenderedMessage();
    }

    @Override
    public String thread() {
        return event.getThreadName();
    }

    /** The event's properties: its MDC copy (and, rarely, properties an appender added). */
    @Override
    public void copyContext(Context into) {
        Map<?, ?> properties = event.getProperties();
        for (Map.Entry<?, ?> entry : properties.entrySet()) {
            into.put(String.valueOf(entry.getKey()), entry.getValue() == null ? null : String.valueOf(entry.getValue()));
        }
    }

    @Override
    public boolean onLoggingThread() {
        return Thread.currentThread().getName().equals(event.getThreadName());
    }

    @Override
    public Throwable thrown() {
        ThrowableInformation information = event.getThrowableInformation();
        return information == null ? null : information.getThrowable();
    }
}
