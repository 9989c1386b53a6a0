package io.obsagent.core.readiness;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code app} check: the servlet container has started, none of its connectors failed to bind, and one
 * of the ports its connectors bound accepts a connection. Before it first succeeds the application is {@code starting}; a later failure
 * (a graceful shutdown closing its connector) is {@code failed}.
 */
public final class AppCheck implements ReadyCheck {

    static final int CONNECT_TIMEOUT_MILLIS = 500;
    private static final InetAddress IPV4_LOOPBACK = loopback(new byte[]{127, 0, 0, 1});
    private static final InetAddress IPV6_LOOPBACK = loopback(new byte[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

    private final AppState state;
    private final int ownPort;
    private volatile boolean wasReady;

    /** {@code ownPort}: the side server's port, which is bound in the same JVM but says nothing about the application. */
    public AppCheck(AppState state, int ownPort) {
        this.state = state;
        this.ownPort = ownPort;
    }

    @Override
    public String name() {
        return "app";
    }

    @Override
    public CheckResult run(int timeoutMillis) {
        if (!state.hasContainerStarted()) {
            return notYet("the servlet container has not started");
        }
        List<InetSocketAddress> failedBinds = state.failedBinds();
        if (!failedBinds.isEmpty()) {
            return notYet("a connector could not bind port " + failedBinds.get(0).getPort() + " (address already in use?)");
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        String lastFailure = "no listening port yet";
        for (InetSocketAddress bound : state.boundAddresses()) {
            if (bound.getPort() <= 0 || bound.getPort() == ownPort) {
                continue;
            }
            for (InetAddress target : connectTargets(bound.getAddress())) {
                int budget = (int) Math.min(CONNECT_TIMEOUT_MILLIS, (deadline - System.nanoTime()) / 1_000_000L);
                if (budget <= 0) {
                    return notYet(lastFailure);
                }
                try {
                    TcpCheck.connect(new InetSocketAddress(target, bound.getPort()), budget);
                    wasReady = true;
                    return CheckResult.ok();
                } catch (IOException e) {
                    lastFailure = "port " + bound.getPort() + ": " + CheckResult.describe(e);
                }
            }
        }
        return notYet(lastFailure);
    }

    private CheckResult notYet(String why) {
        return wasReady ? CheckResult.failed(why) : CheckResult.starting(why);
    }

    /**
     * Where to knock for a bound address. A wildcard is reached through loopback; an IPv6 wildcard is usually
     * a dual-stack socket, and many containers have no IPv6 loopback, so IPv4 loopback is tried first.
     */
    static List<InetAddress> connectTargets(InetAddress bound) {
        List<InetAddress> targets = new ArrayList<InetAddress>(2);
        if (bound == null || (bound.isAnyLocalAddress() && !(bound instanceof Inet6Address))) {
            targets.add(IPV4_LOOPBACK);
        } else if (bound.isAnyLocalAddress()) {
            targets.add(IPV4_LOOPBACK);
            targets.add(IPV6_LOOPBACK);
        } else {
            targets.add(bound);
        }
        return targets;
    }

    private static InetAddress loopback(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
