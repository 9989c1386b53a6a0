package io.obsagent.core.request;

import io.obsagent.bridge.RequestHandle;
import io.obsagent.core.metrics.HttpMethods;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * One request from the start of its outermost dispatch to its end (or its async completion): the handle the
 * servlet advice holds, and the facts the advice and the frameworks report to it. Decisions are not made
 * here but in {@link RequestTracker} (the walk), {@link Routes} (the endpoint) and {@link Outcome} (status and
 * exception). One of these is allocated per request, so its atomic fields are volatile fields with updaters.
 */
public final class RequestContext extends RequestHandle {

    /** The outermost dispatch runs: every other dispatch that sees the request is nested in it. */
    static final int DISPATCHING = 0;
    /** The outermost dispatch has returned: the request has ended or waits for its async end. */
    static final int RETURNED = 1;
    /** The container dispatches the request again (ERROR, ASYNC) on a thread where it was not current. */
    static final int REDISPATCHING = 2;

    private static final AtomicIntegerFieldUpdater<RequestContext> ENDED =
            AtomicIntegerFieldUpdater.newUpdater(RequestContext.class, "ended");
    private static final AtomicReferenceFieldUpdater<RequestContext, Throwable> THROWN_INSIDE =
            AtomicReferenceFieldUpdater.newUpdater(RequestContext.class, Throwable.class, "thrownInside");

    private final RequestTracker tracker;
    final String requestId;
    final int methodIndex;
    final String path;
    final long startNanos;
    final String traceParent;
    volatile String traceState;
    volatile int state = DISPATCHING;
    private volatile int ended;
    /** The first throwable that did not escape the outermost dispatch: nested, re-dispatched or async. */
    private volatile Throwable thrownInside;
    /** The error the container or a framework recorded on the request. */
    volatile Object recordedError;
    /*
     * What is known of the route, most specific first (agent/SPEC.md §2.2; Routes decides): a framework's template
     * (Spring's best matching pattern, a JAX-RS template; relative to the servlet), then how the container routed
     * the request. Plain fields, not an object of their own: this is allocated per request.
     */
    volatile String frameworkTemplate;
    String contextPath;
    String servletPath;
    String pathInfo;
    String mappingPattern;
    /** What the threads this request was made current on had before: the outermost dispatch's, a re-dispatch's. */
    CurrentRequest.Binding dispatchBinding;
    CurrentRequest.Binding redispatchBinding;

    RequestContext(RequestTracker tracker, String requestId, int methodIndex, String path, String traceParent) {
        this.tracker = tracker;
        this.requestId = requestId;
        this.methodIndex = methodIndex;
        this.path = path;
        this.traceParent = traceParent;
        this.startNanos = System.nanoTime();
    }

    @Override
    public String requestId() {
        return requestId;
    }

    /** The request's method label, as the MDC and the access event have it. */
    public String method() {
        return HttpMethods.label(methodIndex);
    }

    public String path() {
        return path;
    }

    @Override
    public String traceParent() {
        return traceParent;
    }

    @Override
    public String traceState() {
        return traceState;
    }

    @Override
    public void incomingTraceState(String incoming) {
        traceState = tracker.traceStateOf(incoming);
    }

    @Override
    public boolean redispatchEntered() {
        return tracker.redispatchEntered(this);
    }

    @Override
    public void nestedThrew(Throwable thrown) {
        recordThrownInside(thrown);
    }

    @Override
    public boolean exitingOutermost() {
        return state == DISPATCHING;
    }

    @Override
    public void frameworkRoute(Object template) {
        if (template != null) {
            frameworkTemplate(template.toString());
        }
    }

    @Override
    public void recordedError(Object error) {
        if (recordedError == null) {
            recordedError = error;
        }
    }

    @Override
    public boolean needsServletMapping() {
        return frameworkTemplate == null;
    }

    @Override
    public void servletRoute(String contextPath, String servletPath, String pathInfo, String mappingPattern) {
        this.contextPath = contextPath;
        this.servletPath = servletPath;
        this.pathInfo = pathInfo;
        this.mappingPattern = mappingPattern;
    }

    @Override
    public void dispatchExited(int status, Throwable thrown, Object asyncContext, Class<?> asyncListenerType) {
        tracker.dispatchExited(this, status, thrown, asyncContext, asyncListenerType);
    }

    /** The async context completed with this status: the request ends, unless it already has. */
    public void asyncCompleted(int status) {
        tracker.end(this, status, null);
    }

    /** True exactly once: for whoever ends the request first. */
    boolean claimEnd() {
        return ENDED.compareAndSet(this, 0, 1);
    }

    /** The first framework to name the route wins: the innermost handler reports first. */
    void frameworkTemplate(String template) {
        if (frameworkTemplate == null) {
            frameworkTemplate = template;
        }
    }

    void recordThrownInside(Throwable thrown) {
        if (thrown != null) {
            THROWN_INSIDE.compareAndSet(this, null, thrown);
        }
    }

    Throwable thrownInside() {
        return thrownInside;
    }
}
