package io.obsagent.core.config;

import java.net.URI;

/** One configured readiness check: {@code NAME=tcp://host:port} or {@code NAME=http://host:port/path}. */
public final class ReadyCheckSpec {

    private final String name;
    private final URI target;

    ReadyCheckSpec(String name, URI target) {
        this.name = name;
        this.target = target;
    }

    static ReadyCheckSpec parse(String entry) {
        int eq = entry.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected NAME=tcp://host:port or NAME=http://host:port/path");
        }
        String name = entry.substring(0, eq).trim();
        if (!name.matches("[A-Za-z0-9_.-]+") || name.equals("app")) {
            throw new IllegalArgumentException("check name must be [A-Za-z0-9_.-]+ and not 'app'");
        }
        URI uri;
        try {
            uri = new URI(entry.substring(eq + 1).trim());
        } catch (Exception e) {
            throw new IllegalArgumentException("not a URI: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        boolean known = scheme.equals("tcp") || scheme.equals("http") || scheme.equals("https");
        if (!known || uri.getHost() == null || (scheme.equals("tcp") && uri.getPort() < 0)) {
            throw new IllegalArgumentException("expected tcp://host:port or http(s)://host[:port]/path");
        }
        return new ReadyCheckSpec(name, uri);
    }

    public String name() {
        return name;
    }

    public URI target() {
        return target;
    }

    /** Credentials in a URL are masked: this text ends up in {@code agent_started}. */
    @Override
    public String toString() {
        String shown = target.getUserInfo() == null ? target.toString()
                : target.toString().replace(target.getRawUserInfo() + "@", "****@");
        return name + "=" + shown;
    }
}
