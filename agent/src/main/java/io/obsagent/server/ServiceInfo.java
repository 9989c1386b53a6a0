package io.obsagent.server;

/** Who answers on the side server: the service's name and version, and the agent's version. */
public final class ServiceInfo {

    private final String name;
    private final String version;
    private final String agentVersion;

    public ServiceInfo(String name, String version, String agentVersion) {
        this.name = name;
        this.version = version;
        this.agentVersion = agentVersion;
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public String agentVersion() {
        return agentVersion;
    }
}
