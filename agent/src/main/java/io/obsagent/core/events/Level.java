package io.obsagent.core.events;

/** Severity of an agent event, as written in its {@code level} field. */
public enum Level {
    DEBUG("debug"), INFO("info"), WARNING("warning"), ERROR("error");

    private final String text;

    Level(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    /** Accepts the written names and the common alias {@code warn}. */
    public static Level parse(String text) {
        String t = text.trim().toLowerCase();
        if (t.equals("warn")) {
            return WARNING;
        }
        for (Level level : values()) {
            if (level.text.equals(t)) {
                return level;
            }
        }
        throw new IllegalArgumentException("expected debug, info, warning or error");
    }
}
