package io.obsagent.core.request;

import io.obsagent.bridge.RequestHandle;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * One request from the start of its outermost dispatch to its end (or its async completion). One of these
 * is allocated per request, so its atomic fields are plain volatile fields with updaters, not objects.
 */
public final class RequestContext extends RequestHandle {

    private static final AtomicIntegerFieldUpdater<RequestContext> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(RequestContext.class, "ended");
    private static final AtomicReferenceFieldUpdater<RequestContext, Throwable> ASYNC_THROWN =
            AtomicReferenceFieldUpdater.newUpdater(RequestContext.class, Throwable.class, "asyncThrown");

    final String requestId;
    final int methodIndex;
    final String path;
    final long startNanos;
    private volatile int ended;
    private volatile Throwable asyncThrown;
    volatile String frameworkTemplate;
    volatile RouteInfo route;
    volatile String traceParent;
    volatile String traceState;
    /** What the outermost dispatch's thread had before the request became current there. */
    CurrentRequest.Binding binding;

    RequestContext(String requestId, int methodIndex, String path, long startNanos) {
        this.requestId = requestId;
        this.methodIndex = methodIndex;
        this.path = path;
        this.startNanos = startNanos;
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public String traceParent() {
        return traceParent;
    }

    @Override
    public String traceState() {
        return traceState;
    }

    /** True exactly once: for whoever ends the request first. */
    boolean claimEnd() {
        return ENDED.compareAndSet(this, 0, 1);
    }

    /** Keeps the first throwable seen after the outermost dispatch returned (async re-dispatch, async error). */
    void recordAsyncThrown(Throwable thrown) {
        ASYNC_THROWN.compareAndSet(this, null, thrown);
    }

    Throwable asyncThrown() {
        return asyncThrown;
    }
}
