package io.obsagent.core.request;

/**
 * How an asynchronous request is ended when its async context completes: by a listener the servlet
 * instrumentation registers on the application's own servlet API, which core cannot name.
 */
public interface AsyncEnds {

    /** Registers what ends {@code request} on completion; false when impossible (the request then ends at once). */
    boolean endOnCompletion(RequestContext request, Object asyncContext, Class<?> asyncListenerType);
}
