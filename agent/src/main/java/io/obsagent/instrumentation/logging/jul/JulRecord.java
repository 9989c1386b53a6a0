package io.obsagent.instrumentation.logging.jul;

import io.obsagent.core.applogs.AppLogRecord;
import io.obsagent.core.events.Level;

import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** A {@code java.util.logging} record as the agent's formatter reads it. JUL has no MDC: the current request fills in. */
final class JulRecord extends AppLogRecord {

    private static final int SEVERE = java.util.logging.Level.SEVERE.intValue();
    private static final int WARNING = java.util.logging.Level.WARNING.intValue();
    private static final int CONFIG = java.util.logging.Level.CONFIG.intValue();

    private final LogRecord record;
    private final Formatter messages;

    JulRecord(LogRecord record, Formatter messages) {
        this.record = record;
        this.messages = messages;
    }

    @Override
    public long timestampMillis() {
        return record.getMillis();
    }

    /** SEVERE is error, WARNING warning, INFO and CONFIG info, FINE and below debug; custom levels by their value. */
    @Override
    public Level level() {
        return byThresholds(record.getLevel().intValue(), SEVERE, WARNING, CONFIG);
    }

    @Override
    public String logger() {
        return record.getLoggerName() == null ? "" : record.getLoggerName();
    }

    /** Localised and with its parameters filled in, as JUL's own formatters print it. */
    @Override
    public String message() {
        return messages.formatMessage(record);
    }

    /** JUL keeps only the thread's ID: the name is known when the line is written where it was logged. */
    @Override
    public String thread() {
        return onLoggingThread() ? Thread.currentThread().getName() : String.valueOf(record.getThreadID());
    }

    @Override
    public void copyContext(Context into) {
    }

    @Override
    @SuppressWarnings("deprecation")
    public boolean onLoggingThread() {
        return record.getThreadID() == (int) Thread.currentThread().getId();
    }

    @Override
    public Throwable thrown() {
        return record.getThrown();
    }
}
