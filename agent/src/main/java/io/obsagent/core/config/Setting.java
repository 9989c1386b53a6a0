package io.obsagent.core.config;

import io.obsagent.core.events.LogTarget;

import io.obsagent.core.events.AppLogShape;
import io.obsagent.core.events.Level;

/**
 * One configuration key of agent/SPEC.md §1: its name, its default and the kind of value it takes. Parsing is a
 * switch over the kind rather than a lambda per key: this runs in premain, where every class counts.
 */
public final class Setting<T> {

    enum Kind { TEXT, BOOLEAN, INTEGER, HEADER_NAME, BUCKETS, LOG_TARGET, LOG_LEVEL, SERVER_AUTH, READY_CHECKS, FAULT_POINT, APP_LOGS_FORMAT }

    private final String key;
    private final String defaultText;
    private final Kind kind;
    private final int min;
    private final int max;

    private Setting(String key, String defaultText, Kind kind, int min, int max) {
        this.key = key;
        this.defaultText = defaultText;
        this.kind = kind;
        this.min = min;
        this.max = max;
    }

    static <T> Setting<T> of(String key, String defaultText, Kind kind) {
        return new Setting<T>(key, defaultText, kind, 0, 0);
    }

    static Setting<Integer> integer(String key, String defaultText, int min, int max) {
        return new Setting<Integer>(key, defaultText, Kind.INTEGER, min, max);
    }

    public String key() {
        return key;
    }

    /** The default as text; {@code null} when the setting is unset by default. */
    public String defaultText() {
        return defaultText;
    }

    /** The typed value, or an {@link IllegalArgumentException} whose message an operator can act on. */
    @SuppressWarnings("unchecked")
    T parse(String text) {
        switch (kind) {
            case TEXT:
                return (T) Values.nonEmpty(text);
            case BOOLEAN:
                return (T) Values.bool(text);
            case INTEGER:
                return (T) Values.integer(text, min, max);
            case HEADER_NAME:
                return (T) Values.headerName(text);
            case BUCKETS:
                return (T) Values.buckets(text);
            case LOG_TARGET:
                return (T) LogTarget.parse(text);
            case LOG_LEVEL:
                return (T) Level.parse(text);
            case SERVER_AUTH:
                return (T) ServerAuth.parse(text);
            case FAULT_POINT:
                return (T) FaultPoint.parse(text);
            case APP_LOGS_FORMAT:
                return (T) AppLogShape.parse(text);
            default:
                return (T) Values.readyChecks(text);
        }
    }

    /** The environment variable that carries this key: {@code server.port} is {@code OBS_SERVER_PORT}. */
    public static String envName(String key) {
        StringBuilder name = new StringBuilder("OBS_");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            name.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return name.toString();
    }

    @Override
    public String toString() {
        return key;
    }
}
