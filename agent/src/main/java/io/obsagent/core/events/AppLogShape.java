package io.obsagent.core.events;

/** The JSON shape of the application's lines ({@code app_logs.format}). */
public enum AppLogShape {
    /** The agent's own event shape (agent/SPEC.md §4): one schema for the whole stream. */
    AGENT,
    /** logstash-logback-encoder's field names, for pipelines built on them. */
    LOGSTASH;

    public static AppLogShape parse(String text) {
        String t = text.trim().toLowerCase();
        for (AppLogShape shape : values()) {
            if (shape.name().toLowerCase().equals(t)) {
                return shape;
            }
        }
        throw new IllegalArgumentException("expected agent or logstash");
    }
}
