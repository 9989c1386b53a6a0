package io.obsagent.core.events;


import java.util.Map;

/** The agent's own life-cycle events of agent/SPEC.md §4, logger {@code obs.agent}. */
public final class AgentEvents {

    public static final String LOGGER = "obs.agent";

    private AgentEvents() {
    }

    public static Event started(String version, String agentVersion, String environment, String server,
                                Map<String, String> config) {
        return new FieldsEvent(Level.INFO, LOGGER, "agent_started")
                .with("version", version)
                .with("agent_version", agentVersion)
                .with("environment", environment)
                .with("server", server)
                .with("config", config);
    }

    /** A configuration value that was refused (and replaced by its default): {@code key}, {@code value}, {@code error}. */
    public static Event configError(String key, String value, String error) {
        return new FieldsEvent(Level.WARNING, LOGGER, "agent_config_error")
                .with("key", key)
                .with("value", value)
                .with("error", error);
    }

    /** A fault inside the agent that it handled; {@code where} names the part that failed. */
    public static Event error(String where, String error) {
        return agentError(Level.ERROR, where, error);
    }

    /** An {@code agent_error} that costs the service nothing, such as a second copy of the agent staying inert. */
    public static Event warning(String where, String error) {
        return agentError(Level.WARNING, where, error);
    }

    private static Event agentError(Level level, String where, String error) {
        return new FieldsEvent(level, LOGGER, "agent_error")
                .with("where", where)
                .with("error", error);
    }
}
