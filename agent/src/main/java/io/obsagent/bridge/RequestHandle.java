package io.obsagent.bridge;

/**
 * One request the agent follows, as instrumentation in any class loader holds it: the servlet advice keeps it
 * in a request attribute, thread-hop instrumentation carries it to the task that works for the request, and
 * client instrumentation reads what an outgoing call must carry. Only JDK types, because the bridge loads
 * everywhere; the agent's core provides the one implementation.
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
}
