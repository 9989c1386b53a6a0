package io.obsagent.core.request;

import io.obsagent.core.config.FaultPoint;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.events.Level;
import io.obsagent.core.events.RequestProcessed;
import io.obsagent.core.events.UnhandledException;
import io.obsagent.core.metrics.HttpMetrics;

/**
 * The walk of one request (ARCHITECTURE "One request, one walk"): start chooses the ID, opens the
 * logging context and counts the request in flight; end settles the status and route, records the
 * metrics, counts and logs an unhandled exception once, and writes the access event.
 */
public final class RequestTracker {

    private final RequestIds ids;
    private final Routes routes;
    private final HttpMetrics metrics;
    private final ExceptionLabels exceptionLabels = new ExceptionLabels();
    private final EventWriter events;
    private final boolean accessLog;
    private final CurrentRequest current;
    /** Tests only ({@code debug.inject_fault}); {@code null} in production. */
    private final FaultPoint injectedFault;

    public RequestTracker(RequestIds ids, Routes routes, HttpMetrics metrics, EventWriter events, boolean accessLog,
                          LoggingContext logging) {
        this(ids, routes, metrics, events, accessLog, logging, null);
    }

    /** @param injectedFault where every request fails inside the agent, for tests; {@code null}: nowhere */
    public RequestTracker(RequestIds ids, Routes routes, HttpMetrics metrics, EventWriter events, boolean accessLog,
                          LoggingContext logging, FaultPoint injectedFault) {
        this.injectedFault = injectedFault;
        this.ids = ids;
        this.routes = routes;
        this.metrics = metrics;
        this.events = events;
        this.accessLog = accessLog;
        this.current = new CurrentRequest(logging);
    }

    /** Which request the current thread works for: read by logging, thread-hop and client instrumentation. */
    public CurrentRequest current() {
        return current;
    }

    /**
     * Starts following a request. Should any step fail, the caller gets no context and will never end the
     * request, so nothing of it is left behind: not in flight, not on the thread, not in the logging context.
     */
    public RequestContext start(String method, String uri, String incomingId) {
        RequestContext context = new RequestContext(ids.keepOrCreate(incomingId), HttpMethods.index(method),
                uri == null ? "/" : uri, System.nanoTime());
        metrics.started();
        try {
            context.binding = current.enter(context);
            FaultPoint.REQUEST_START.failIf(injectedFault);
            return context;
        } catch (Throwable t) {
            metrics.finished();
            if (context.binding != null) {
                leaveThread(context);
            }
            throw t;
        }
    }

    /**
     * The container dispatches the request again (ERROR, ASYNC). On a thread that is not inside the request
     * (its outermost dispatch has returned, or it runs elsewhere) the logging context is opened again, so the
     * application's log lines there carry the request ID too; returns null where there is nothing to do.
     */
    public Redispatch redispatchStarted(RequestContext context) {
        if (current.get() != null) {
            return null;
        }
        return new Redispatch(context, current.enter(context));
    }

    /** The re-dispatch is over: the thread's state is restored, and what it threw is kept for an async end. */
    public void redispatchExited(Redispatch redispatch, Throwable thrown) {
        current.leave(redispatch.binding);
        if (thrown != null) {
            redispatch.context.recordAsyncThrown(thrown);
        }
    }

    /** A JAX-RS resource method named its template while the request runs on this thread. */
    public void routeTemplate(String template) {
        RequestContext context = current.get();
        if (context != null && context.frameworkTemplate == null) {
            context.frameworkTemplate = template;
        }
    }

    /** The outermost dispatch is over on this thread: restore the thread's state whatever happens next. */
    public void leaveThread(RequestContext context) {
        current.leave(context.binding);
    }

    /** Remembers what the dispatch knew about the route, for an asynchronous end on another thread. */
    public void suspend(RequestContext context, RouteInfo route) {
        context.route = route;
    }

    public void nestedThrown(RequestContext context, Throwable thrown) {
        context.recordAsyncThrown(thrown);
    }

    /**
     * Ends the request once. {@code thrown} escaped the dispatch; {@code recorded} is what the framework
     * stored as the request's error, which counts only when the final status is a server error.
     */
    public void end(RequestContext context, int status, RouteInfo route, Throwable thrown, Object recorded) {
        if (!context.claimEnd()) {
            return;
        }
        long duration = System.nanoTime() - context.startNanos;
        metrics.finished(); // first: whatever fails below, the request is no longer in flight
        FaultPoint.REQUEST_END.failIf(injectedFault);
        Throwable failure = thrown != null ? thrown : context.asyncThrown();
        if (failure == null && recorded instanceof Throwable && status >= 500) {
            failure = (Throwable) recorded;
        }
        int finalStatus = failure != null && status < 400 ? 500 : status;
        String endpoint = routes.endpoint(effectiveRoute(context, route), context.path, finalStatus);
        metrics.recorded(context.methodIndex, endpoint, finalStatus, duration);
        String method = HttpMethods.label(context.methodIndex);
        if (failure != null) {
            Throwable cause = ExceptionLabels.unwrap(failure);
            metrics.exception(context.methodIndex, endpoint, exceptionLabels.label(cause));
            events.emit(new UnhandledException(context.requestId, method, context.path, cause));
        }
        if (accessLog && events.isEnabled(Level.INFO)) {
            events.emit(new RequestProcessed(context.requestId, method, context.path, endpoint, finalStatus, duration));
        }
    }

    private static RouteInfo effectiveRoute(RequestContext context, RouteInfo route) {
        RouteInfo r = route != null ? route : context.route;
        if (r == null) {
            r = new RouteInfo(null, null, null, null);
        }
        return r.frameworkTemplate() == null && context.frameworkTemplate != null
                ? r.withFrameworkTemplate(context.frameworkTemplate) : r;
    }
}
