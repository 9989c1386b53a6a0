package io.obsagent.core.readiness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A configured {@code NAME=tcp://host:port} check: ok when the port accepts a connection. */
public final class TcpCheck implements ReadyCheck {

    private final String name;
    private final String host;
    private final int port;

    public TcpCheck(String name, String host, int port) {
        this.name = name;
        this.host = host;
        this.port = port;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CheckResult run(int timeoutMillis) throws IOException {
        // Resolved on every run: a service behind DNS may move, and a name that does not resolve yet is a failure.
        connect(new InetSocketAddress(host, port), timeoutMillis);
        return CheckResult.ok();
    }

    /** Opens and at once closes a connection; throws when it is refused or does not complete in time. */
    static void connect(InetSocketAddress target, int timeoutMillis) throws IOException {
        if (target.isUnresolved()) {
            throw new IOException("unknown host " + target.getHostString());
        }
        Socket socket = new Socket();
        try {
            socket.connect(target, Math.max(1, timeoutMillis));
        } finally {
            socket.close();
        }
    }
}
