package io.obsagent.core.readiness;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the instrumentation learned about the application's start: whether its servlet container has
 * initialised a context, and which listening sockets it bound. Readiness reads this; no request is needed.
 */
public final class AppState {

    static final int MAX_ADDRESSES = 16;

    private volatile boolean containerStarted;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CopyOnWriteArrayList<InetSocketAddress> bound = new CopyOnWriteArrayList<InetSocketAddress>();
    private final CopyOnWriteArrayList<InetSocketAddress> failed = new CopyOnWriteArrayList<InetSocketAddress>();

    /** Called from advice, often: after the first call it is one volatile read. */
    public void containerStarted() {
        if (!containerStarted) {
            containerStarted = true;
            started.countDown();
        }
    }

    /**
     * Waits until the container has started, at most {@code maxMillis}; true when it has. For work that must
     * not run before the application has set up its own logging and JMX (see the JVM metrics).
     */
    public boolean awaitContainerStart(long maxMillis) throws InterruptedException {
        return started.await(maxMillis, TimeUnit.MILLISECONDS);
    }

    public boolean hasContainerStarted() {
        return containerStarted;
    }

    /** Remembers a bound address; the most recent ones are kept when an application binds very many. */
    public void socketBound(InetSocketAddress address) {
        if (address == null) {
            return;
        }
        bound.remove(address);
        bound.add(address);
        forgetFailure(address.getPort());
        while (bound.size() > MAX_ADDRESSES) {
            bound.remove(0);
        }
    }

    /**
     * A connector could not bind (its port was taken): the container serves nothing there, whatever else it
     * bound, until a later bind of the same port succeeds.
     */
    public void bindFailed(InetSocketAddress address) {
        if (address != null && address.getPort() > 0 && failed.size() < MAX_ADDRESSES) {
            failed.addIfAbsent(address);
        }
    }

    /** Connectors whose bind failed and was not retried successfully. */
    public List<InetSocketAddress> failedBinds() {
        return new ArrayList<InetSocketAddress>(failed);
    }

    private void forgetFailure(int port) {
        for (InetSocketAddress f : failed) {
            if (f.getPort() == port) {
                failed.remove(f);
            }
        }
    }

    /** Newest first. */
    public List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> list = new ArrayList<InetSocketAddress>(bound);
        Collections.reverse(list);
        return list;
    }
}
