package io.obsagent.core.events;

/**
 * One agent event. It is built on the thread where it happened (which only stamps the time and keeps
 * references) and turned into JSON later, on the writer thread.
 */
public abstract class Event {

    private final long timestampMillis = System.currentTimeMillis();
    private final Level level;
    private final String logger;
    private final String name;

    protected Event(Level level, String logger, String name) {
        this.level = level;
        this.logger = logger;
        this.name = name;
    }

    public final Level level() {
        return level;
    }

    public final String name() {
        return name;
    }

    final long timestampMillis() {
        return timestampMillis;
    }

    final String logger() {
        return logger;
    }

    /** Writes the fields that follow {@code service}. */
    protected abstract void writeFields(JsonFields fields);
}
