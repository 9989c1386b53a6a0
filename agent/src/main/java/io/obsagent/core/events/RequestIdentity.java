package io.obsagent.core.events;

/**
 * Which request an event is about. Events are written on the writer thread after the request has moved on, so
 * an implementation answers only what never changes once the request has started.
 */
public interface RequestIdentity {

    String requestId();

    /** The trace-id of the request's valid incoming {@code traceparent}, or {@code null}: none is invented. */
    String traceId();

    String method();

    String path();
}
