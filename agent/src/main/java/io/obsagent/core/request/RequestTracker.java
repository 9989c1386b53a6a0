package io.obsagent.core.request;

import io.obsagent.core.config.FaultPoint;
import io.obsagent.core.metrics.HttpMethods;

/**
 * The walk of one request (agent/ARCHITECTURE.md "One request, one walk"): {@link #start} chooses the ID, makes
 * the request current on its thread (which fills the logging context) and counts it in flight; the dispatch's
 * exit restores the thread and ends the request, or leaves it to its async completion; {@link #end} hands the
 * settled request to the {@link RequestRecorder} exactly once.
 */
public final class RequestTracker {

    private final RequestIds ids;
    private final CurrentRequest current;
    private final RequestRecorder recorder;
    private final AsyncEnds asyncEnds;
    /** Tests only ({@code debug.inject_fault}); {@code null} in production. */
    private final FaultPoint injectedFault;

    /** @param injectedFault where every request fails inside the agent, for tests; {@code null}: nowhere */
    public RequestTracker(RequestIds ids, CurrentRequest current, RequestRecorder recorder, AsyncEnds asyncEnds,
                          FaultPoint injectedFault) {
        this.ids = ids;
        this.current = current;
        this.recorder = recorder;
        this.asyncEnds = asyncEnds;
        this.injectedFault = injectedFault;
    }

    /** Which request the current thread works for: read by logging, thread-hop and client instrumentation. */
    public CurrentRequest current() {
        return current;
    }

    /**
     * Starts following a request. Should any step fail, the caller gets no context and will never end the
     * request, so nothing of it is left behind: not in flight, not on the thread, not in the logging context.
     */
    public RequestContext start(String method, String uri, String incomingId, String traceParent) {
        RequestContext context = new RequestContext(this, ids.keepOrCreate(incomingId), HttpMethods.index(method),
                uri == null ? "/" : uri, TraceContext.validParent(traceParent));
        recorder.started();
        try {
            context.dispatchBinding = current.enter(context);
            FaultPoint.REQUEST_START.failIf(injectedFault);
            return context;
        } catch (RuntimeException | Error e) {
            recorder.finished();
            if (context.dispatchBinding != null) {
                current.leave(context.dispatchBinding);
            }
            throw e;
        }
    }

    /** The {@code tracestate} kept beside a valid traceparent: bounded, or none. */
    String traceStateOf(String incoming) {
        return TraceContext.validState(incoming);
    }

    /**
     * A dispatch found the request on its request object. Only a container's later dispatch (ERROR, ASYNC) on
     * a thread where the request is not current is followed: it makes the request current there, so the
     * application's log lines on that thread carry its ID too.
     */
    boolean redispatchEntered(RequestContext context) {
        if (context.state != RequestContext.RETURNED || current.get() == context) {
            return false;
        }
        context.redispatchBinding = current.enter(context);
        context.state = RequestContext.REDISPATCHING;
        return true;
    }

    /** A JAX-RS resource method named its template while the request runs on this thread. */
    public void routeTemplate(String template) {
        RequestContext context = current.get();
        if (context != null) {
            context.frameworkTemplate(template);
        }
    }

    /**
     * A followed dispatch is over on this thread: restore the thread first, whatever happens next. A re-dispatch
     * only keeps what it threw for the request's end; the outermost dispatch ends the request now, or hands it to
     * its async completion.
     */
    void dispatchExited(RequestContext context, int status, Throwable thrown, Object asyncContext, Class<?> asyncListenerType) {
        if (context.state == RequestContext.REDISPATCHING) {
            context.state = RequestContext.RETURNED;
            current.leave(context.redispatchBinding);
            context.recordThrownInside(thrown);
            return;
        }
        context.state = RequestContext.RETURNED;
        try {
            current.leave(context.dispatchBinding);
        } finally {
            if (asyncContext == null || thrown != null
                    || !asyncEnds.endOnCompletion(context, asyncContext, asyncListenerType)) {
                end(context, status, thrown);
            }
        }
    }

    /** Ends the request once, with the throwable that escaped its outermost dispatch (if any). */
    public void end(RequestContext context, int status, Throwable escaped) {
        if (!context.claimEnd()) {
            return;
        }
        recorder.finished(); // first: whatever fails below, the request is no longer in flight
        FaultPoint.REQUEST_END.failIf(injectedFault);
        recorder.record(context, status, escaped);
    }
}
