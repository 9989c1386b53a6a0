package io.obsagent.core.readiness;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the instrumentation learned about the application's start: whether its servlet container has
 * initialised a context, and which listening sockets it bound. Readiness reads this; no request is needed.
 */
public final class AppState {

    static final int MAX_ADDRESSES = 16;

    private volatile boolean containerStarted;
    private final CopyOnWriteArrayList<InetSocketAddress> bound = new CopyOnWriteArrayList<InetSocketAddress>();

    public void containerStarted() {
        containerStarted = true;
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
        while (bound.size() > MAX_ADDRESSES) {
            bound.remove(0);
        }
    }

    /** Newest first. */
    public List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> list = new ArrayList<InetSocketAddress>(bound);
        Collections.reverse(list);
        return list;
    }
}
