package io.obsagent.core.applogs;

import io.obsagent.core.events.Level;

/**
 * One application log record, as its logging library's event object holds it: the small neutral view each
 * library's adapter implements over the library's own event, read only while {@link AppLogFormat} writes the line.
 */
public abstract class AppLogRecord {

    /** Receives the record's logging-context (MDC) entries. */
    public interface Context {
        void put(String key, String value);
    }

    public abstract long timestampMillis();

    public abstract Level level();

    public abstract String logger();

    /** The message with its arguments filled in. */
    public abstract String message();

    public abstract String thread();

    /** Gives every MDC entry of the record to {@code into}; nothing where the library has no MDC. */
    public abstract void copyContext(Context into);

    /**
     * True when the line is written on the thread that logged it, so the agent's current request is the record's:
     * false behind an asynchronous appender, whose worker thread never works for the request.
     */
    public abstract boolean onLoggingThread();

    /** The logged throwable, or null: none, or the library only kept a copy of it (see {@link #thrownText}). */
    public abstract Throwable thrown();

    /**
     * The agent's level of a library's level on a scale where more severe is higher, given where the library's
     * error, warning and info levels start: above info is debug (trace, fine, finer...).
     */
    protected static Level byThresholds(int level, int error, int warning, int info) {
        if (level >= error) {
            return Level.ERROR;
        }
        if (level >= warning) {
            return Level.WARNING;
        }
        return level >= info ? Level.INFO : Level.DEBUG;
    }

    /**
     * Type, message and stack trace of a logged throwable the library keeps only as a copy (Logback's
     * {@code IThrowableProxy} of a deserialised event), or null.
     */
    public String[] thrownText() {
        return null;
    }
}
