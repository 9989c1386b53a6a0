package io.obsagent.core.metrics.rules;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The kinds of metric a rule can make, with the fields each one reads besides {@code type} and {@code help}. */
public enum RuleType {

    /** Counts calls of {@code method} that returned normally, or ({@code on=exception}) that threw. */
    COUNTER("method", "on"),
    /** A gauge that goes up when {@code increment} returns normally and down when {@code decrement} does. */
    UPDOWN("increment", "decrement"),
    /** A histogram of the duration of calls of {@code method}, labelled {@code outcome=success|error}. */
    TIMER("method");

    static final List<String> COMMON_FIELDS = Collections.unmodifiableList(Arrays.asList("type", "help"));

    private final List<String> fields;

    RuleType(String... fields) {
        this.fields = Collections.unmodifiableList(Arrays.asList(fields));
    }

    /** The type named in configuration, or {@code null}. */
    static RuleType named(String text) {
        for (RuleType type : values()) {
            if (type.text().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        return null;
    }

    /** The fields this type reads besides the common ones. */
    List<String> fields() {
        return fields;
    }

    /** As written in configuration. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    static boolean isKnownField(String field) {
        if (COMMON_FIELDS.contains(field)) {
            return true;
        }
        for (RuleType type : values()) {
            if (type.fields.contains(field)) {
                return true;
            }
        }
        return false;
    }
}
