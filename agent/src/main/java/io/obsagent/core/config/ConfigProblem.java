package io.obsagent.core.config;

import io.obsagent.core.events.AgentEvents;
import io.obsagent.core.events.Event;

/** A key that was unknown or a value that could not be used; reported once as {@code agent_config_error}. */
public final class ConfigProblem {

    private final String key;
    private final String value;
    private final String error;

    public ConfigProblem(String key, String value, String error) {
        this.key = key;
        this.value = value;
        this.error = error;
    }

    public String key() {
        return key;
    }

    /** The offending value, already masked when the key names a secret. */
    public String value() {
        return value;
    }

    public String error() {
        return error;
    }

    /** The {@code agent_config_error} event that reports it. */
    public Event event() {
        return AgentEvents.configError(key, value, error);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ConfigProblem)) {
            return false;
        }
        ConfigProblem p = (ConfigProblem) o;
        return key.equals(p.key) && String.valueOf(value).equals(String.valueOf(p.value)) && error.equals(p.error);
    }

    @Override
    public int hashCode() {
        return (key.hashCode() * 31 + String.valueOf(value).hashCode()) * 31 + error.hashCode();
    }

    @Override
    public String toString() {
        return key + "=" + value + ": " + error;
    }
}
