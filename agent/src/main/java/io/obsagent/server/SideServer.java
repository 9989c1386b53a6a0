package io.obsagent.server;

import com.sun.net.httpserver.HttpServer;
import io.obsagent.core.config.ServerAuth;
import io.obsagent.core.metrics.AgentFaults;
import io.obsagent.core.readiness.ReadinessChecks;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The side HTTP server of SPEC §3, on the JDK's {@code com.sun.net.httpserver}: plain HTTP/1.1, daemon
 * threads, a bounded worker pool with a per-exchange deadline ({@link WorkerPool}).
 *
 * <p>Started in two steps so that readiness can learn the port it must not mistake for the application's:
 * {@link #bind}, then {@link #start}. The JDK server creates threads of its own (its dispatcher and an
 * idle-connection timer: {@code HTTP-Dispatcher} and {@code idle-timeout-task} on Java 17, other names on
 * older JDKs); they are created inside a thread group of the agent's so they can be found and given
 * {@code obs-agent-} names (in thread dumps; the kernel keeps the name a thread started with).
 */
public final class SideServer {

    private static final int BACKLOG = 50;
    private static final String[][] JDK_THREAD_NAMES = {
            {"HTTP-Dispatcher", "obs-agent-http-dispatcher"},
            {"idle-timeout-task", "obs-agent-http-idle-timer"},
            {"server-timer", "obs-agent-http-idle-timer"},
    };

    private final String host;
    private final ThreadGroup threads;
    private final HttpServer http;
    private final WorkerPool workers;

    private SideServer(String host, ThreadGroup threads, HttpServer http, WorkerPool workers) {
        this.host = host;
        this.threads = threads;
        this.http = http;
        this.workers = workers;
    }

    /**
     * Binds {@code host:port} (port 0: any free port); throws when that fails. (The JDK then leaves one
     * unbound socket descriptor open, once; its constructor starts no thread before binding.)
     */
    public static SideServer bind(String host, int port, AgentFaults faults) throws IOException {
        return bind(host, port, WorkerPool.REQUEST_DEADLINE_MILLIS, WorkerPool.DEADLINE_MILLIS, faults);
    }

    static SideServer bind(String host, int port, long requestDeadlineMillis, long exchangeDeadlineMillis,
                           AgentFaults faults) throws IOException {
        final InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UnknownHostException("unknown host " + host);
        }
        ThreadGroup group = new ThreadGroup("obs-agent-http");
        HttpServer http = inGroup(group, new Callable<HttpServer>() {
            @Override
            public HttpServer call() throws IOException {
                return HttpServer.create(address, BACKLOG);
            }
        });
        WorkerPool workers = new WorkerPool(faults, requestDeadlineMillis, exchangeDeadlineMillis);
        http.setExecutor(workers);
        return new SideServer(host, group, http, workers);
    }

    /** Starts answering; when that fails, the port is released again. */
    public void start(ServiceInfo info, ServerAuth auth, PrometheusRegistry registry, ReadinessChecks readiness,
                      AgentFaults faults) throws IOException {
        try {
            http.createContext("/", new Endpoints(info, LivenessProbe.ofThisJvm(), readiness,
                    new ScrapeEndpoint(registry), new ServerAuthGuard(auth), workers, faults));
            inGroup(threads, new Callable<Void>() {
                @Override
                public Void call() {
                    http.start();
                    return null;
                }
            });
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
        renameJdkThreads();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /**
     * The bound address as {@code host:port}, e.g. {@code 0.0.0.0:9464} or {@code 127.0.0.1:41234}. A wildcard
     * is shown as configured: the JVM reports {@code 0.0.0.0} bound on a dual-stack socket as {@code [::]}.
     */
    public String address() {
        InetSocketAddress bound = http.getAddress();
        InetAddress ip = bound.getAddress();
        String shown = ip.isAnyLocalAddress() ? host
                : ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
        return shown + ":" + bound.getPort();
    }

    public void stop() {
        http.stop(0);
        workers.stop();
    }

    private void renameJdkThreads() {
        Thread[] found = new Thread[threads.activeCount() + 8];
        int n = threads.enumerate(found);
        for (int i = 0; i < n; i++) {
            String name = found[i].getName();
            if (!name.startsWith("obs-agent-")) {
                found[i].setName(agentName(name));
            }
        }
    }

    /** Every thread in the group is the JDK server's: the known ones get a role, any other keeps its name after the prefix. */
    static String agentName(String jdkName) {
        for (String[] rename : JDK_THREAD_NAMES) {
            if (rename[0].equals(jdkName)) {
                return rename[1];
            }
        }
        return "obs-agent-http-" + jdkName;
    }

    /** Runs the work on a short-lived thread of the group, so threads it creates belong to the group too. */
    private static <T> T inGroup(ThreadGroup group, final Callable<T> work) throws IOException {
        final AtomicReference<T> result = new AtomicReference<T>();
        final AtomicReference<Throwable> failure = new AtomicReference<Throwable>();
        Thread thread = new Thread(group, new Runnable() {
            @Override
            public void run() {
                try {
                    result.set(work.call());
                } catch (Throwable t) {
                    failure.set(t);
                }
            }
        }, "obs-agent-http-start");
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the side server");
        }
        Throwable t = failure.get();
        if (t instanceof IOException) {
            throw (IOException) t;
        }
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t != null) {
            throw new IOException(t);
        }
        return result.get();
    }
}
