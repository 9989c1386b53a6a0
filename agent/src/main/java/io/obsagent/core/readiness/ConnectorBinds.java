package io.obsagent.core.readiness;

/**
 * Tells an application's HTTP connector from the other listeners a JVM binds through the same channels: the
 * agent's own side server and an application server's management interface (WildFly's on 9990). A probe
 * must reach what serves the application's users, so binds made from these are not remembered.
 */
final class ConnectorBinds {

    private static final String[] NOT_CONNECTORS = {
            "io.obsagent.server.",
            "org.jboss.as.domain.http.server.",
            "org.jboss.as.server.mgmt.",
            "org.jboss.as.domain.management.",
    };

    private ConnectorBinds() {
    }

    /** Binds are rare (a few per start), so walking the binding thread's stack costs nothing that matters. */
    static boolean isConnector(StackTraceElement[] bindingStack) {
        for (StackTraceElement frame : bindingStack) {
            for (String prefix : NOT_CONNECTORS) {
                if (frame.getClassName().startsWith(prefix)) {
                    return false;
                }
            }
        }
        return true;
    }
}
