package io.obsagent.core.request;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** One request from the start of its outermost dispatch to its end (or its async completion). */
public final class RequestContext {

    final String requestId;
    final int methodIndex;
    final String path;
    final long startNanos;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicReference<Throwable> asyncThrown = new AtomicReference<Throwable>();
    volatile String frameworkTemplate;
    volatile RouteInfo route;
    Object loggingScope;

    RequestContext(String requestId, int methodIndex, String path, long startNanos) {
        this.requestId = requestId;
        this.methodIndex = methodIndex;
        this.path = path;
        this.startNanos = startNanos;
    }

    public String requestId() {
        return requestId;
    }

    /** True exactly once: for whoever ends the request first. */
    boolean claimEnd() {
        return ended.compareAndSet(false, true);
    }

    /** Keeps the first throwable seen after the outermost dispatch returned (async re-dispatch, async error). */
    void recordAsyncThrown(Throwable thrown) {
        asyncThrown.compareAndSet(null, thrown);
    }

    Throwable asyncThrown() {
        return asyncThrown.get();
    }
}
