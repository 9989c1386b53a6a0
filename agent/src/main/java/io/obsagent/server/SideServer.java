package io.obsagent.server;

import io.obsagent.core.config.ServerAuth;
import io.obsagent.core.metrics.AgentFaults;
import io.obsagent.core.readiness.ReadinessChecks;
import io.obsagent.core.threads.AgentThreads;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;

/**
 * The side HTTP server of agent/SPEC.md §3: plain HTTP/1.1 on daemon threads, with no thread per connection. One I/O thread
 * ({@link ConnectionLoop}) accepts connections and reads requests without blocking; a few workers in lanes
 * ({@link WorkerPool}) answer complete requests; {@link ServerLimits} bounds connections, bytes and time per client.
 * Built on {@code java.nio} alone: no JVM-wide property is set (agent/SPEC.md §6), and it needs no {@code jdk.httpserver}
 * module, whose server reads requests on its workers, so that clients sending slowly hold them, and caps neither its
 * connections nor their idle time without JVM-wide properties.
 *
 * <p>Started in two steps so that readiness can learn the port it must not mistake for the application's:
 * {@link #bind} (no thread yet), then {@link #start}.
 */
public final class SideServer {

    /**
     * Connections the kernel may hold for the loop to accept. Under a flood of connections a short queue
     * overflows, the kernel drops a probe's SYN and the client sends it again only after its 1 s retransmission
     * timeout; a long queue costs kernel memory only, and the loop takes 64 connections a round from it.
     */
    private static final int BACKLOG = 1024;
    private static final long STOP_WAIT_MILLIS = 2000;

    private final String host;
    private final ServerSocketChannel channel;
    private final InetSocketAddress bound;
    private final ServerLimits limits;
    private volatile WorkerPool workers;
    private volatile ConnectionLoop loop;
    private volatile Thread io;

    private SideServer(String host, ServerSocketChannel channel, InetSocketAddress bound, ServerLimits limits) {
        this.host = host;
        this.channel = channel;
        this.bound = bound;
        this.limits = limits;
    }

    /** Binds {@code host:port} (port 0: any free port); throws when that fails. Starts no thread. */
    public static SideServer bind(String host, int port, AgentFaults faults) throws IOException {
        return bind(host, port, ServerLimits.defaults());
    }

    static SideServer bind(String host, int port, ServerLimits limits) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UnknownHostException("unknown host " + host);
        }
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, BACKLOG);
            return new SideServer(host, channel, (InetSocketAddress) channel.getLocalAddress(), limits);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Starts answering; when that fails, the port is released again. */
    public void start(ServiceInfo info, ServerAuth auth, PrometheusRegistry registry, ReadinessChecks readiness,
                      AgentFaults faults) throws IOException {
        try {
            Endpoints endpoints = new Endpoints(info, LivenessProbe.ofThisJvm(), readiness, new ScrapeEndpoint(registry),
                    new ServerAuthGuard(auth), faults);
            workers = new WorkerPool();
            loop = new ConnectionLoop(channel, limits, new Answering(endpoints, faults), faults);
            Thread thread = AgentThreads.daemon("obs-agent-http-io", loop);
            io = thread;
            thread.start();
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    public int port() {
        return bound.getPort();
    }

    /**
     * The bound address as {@code host:port}, e.g. {@code 0.0.0.0:9464} or {@code 127.0.0.1:41234}. A wildcard
     * is shown as configured: the JVM reports {@code 0.0.0.0} bound on a dual-stack socket as {@code [::]}.
     */
    public String address() {
        InetAddress ip = bound.getAddress();
        String shown = ip.isAnyLocalAddress() ? host
                : ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
        return shown + ":" + bound.getPort();
    }

    /** Stops answering, closes every connection and releases the port before it returns (within a bounded wait). */
    public void stop() {
        ConnectionLoop running = loop;
        Thread thread = io;
        if (running != null) {
            running.stop();
            if (thread != null && thread != Thread.currentThread()) {
                try {
                    thread.join(STOP_WAIT_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        WorkerPool pool = workers;
        if (pool != null) {
            pool.stop();
        }
    }

    /** Open connections now (for tests). */
    int openConnections() {
        ConnectionLoop running = loop;
        return running == null ? 0 : running.openConnections();
    }

    /** Answers a complete request on a worker of its lane, then gives the connection back to the loop. */
    private final class Answering implements Exchanges {

        private final Endpoints endpoints;
        private final AgentFaults faults;

        Answering(Endpoints endpoints, AgentFaults faults) {
            this.endpoints = endpoints;
            this.faults = faults;
        }

        @Override
        public boolean dispatch(final Connection connection, final SideRequest request) {
            return workers.submit(Endpoints.lane(request.rawPath()), new Runnable() {
                @Override
                public void run() {
                    boolean reusable = false;
                    try {
                        SideExchange exchange = new SideExchange(request);
                        endpoints.handle(exchange);
                        reusable = AnswerWriter.writeAll(connection.channel, exchange.encode(connection.closeAfter),
                                connection.deadline);
                    } catch (Throwable t) {
                        faults.report("server", t);
                    } finally {
                        loop.answered(connection, reusable);
                    }
                }
            });
        }
    }
}
