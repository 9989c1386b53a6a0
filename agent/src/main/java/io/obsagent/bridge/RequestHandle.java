package io.obsagent.bridge;

/**
 * One request the agent follows, as instrumentation in any class loader holds it: the servlet advice keeps it
 * in a request attribute and reports to it what each dispatch learns, thread-hop instrumentation carries it to
 * the task that works for the request, and client instrumentation reads what an outgoing call must carry. Only
 * JDK types, because the bridge loads everywhere; the agent's core provides the one implementation.
 *
 * <p>The methods below the identity are the servlet advice's side of a dispatch, in the order it calls them.
 */
public abstract class RequestHandle {

    /** Request attribute holding the handle; its presence marks a request already being followed. */
    public static final String ATTRIBUTE = "io.obsagent.request";
    /** Request attribute carrying the request ID for application code (agent/SPEC.md §2.1). */
    public static final String REQUEST_ID_ATTRIBUTE = "obs.request_id";

    /** The request's ID: kept from the incoming header when valid, else generated. */
    public abstract String requestId();

    /** The incoming W3C {@code traceparent} when it was valid, else {@code null}: passed on, never invented. */
    public abstract String traceParent();

    /** The incoming {@code tracestate}, only when {@link #traceParent} is set, else {@code null}. */
    public abstract String traceState();

    /** Enter of the outermost dispatch, when a valid traceparent came: the {@code tracestate} that came with it. */
    public abstract void incomingTraceState(String traceState);

    /**
     * Enter of a dispatch that finds this handle on its request. False for a filter, servlet, forward or include
     * nested in a dispatch that runs: it has nothing to do. True for the container's later dispatch (an ERROR
     * page, an ASYNC result) on a thread outside the request: the request is current there until its exit.
     */
    public abstract boolean redispatchEntered();

    /** Exit of a nested dispatch that let this escape: an outer filter may still turn it into an error status. */
    public abstract void nestedThrew(Throwable thrown);

    /** Exit: true for the outermost dispatch, whose route facts follow; false for a re-dispatch. */
    public abstract boolean exitingOutermost();

    /** The value (often null) of a route attribute named by {@link Requests#routeAttributes()}. */
    public abstract void frameworkRoute(Object template);

    /**
     * The value (often null) of an error attribute: the container's own ({@code RequestDispatcher.ERROR_EXCEPTION})
     * first, then those named by {@link Requests#errorAttributes()}; the first one set is the request's.
     */
    public abstract void recordedError(Object error);

    /** True when no framework named the route, so the advice should look up the servlet mapping. */
    public abstract boolean needsServletMapping();

    /** How the container routed the request (each may be null); {@code mappingPattern} when looked up. */
    public abstract void servletRoute(String contextPath, String servletPath, String pathInfo, String mappingPattern);

    /**
     * The dispatch returned or threw. After the outermost one the request ends now, or, when
     * {@code asyncContext} is set, when that completes (seen through a listener of the application's own
     * {@code AsyncListener} interface, {@code asyncListenerType}).
     */
    public abstract void dispatchExited(int status, Throwable thrown, Object asyncContext, Class<?> asyncListenerType);
}
