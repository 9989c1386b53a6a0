package io.obsagent.core.request;

import io.obsagent.core.events.EventWriter;
import io.obsagent.core.events.Level;
import io.obsagent.core.events.RequestProcessed;
import io.obsagent.core.events.UnhandledException;
import io.obsagent.core.metrics.HttpMetrics;

/**
 * What an ended request leaves behind (agent/SPEC.md §2.3–2.5): its outcome settled, its metrics, its exception
 * counted and logged once, and its access event.
 */
public final class RequestRecorder {

    private final Routes routes;
    private final HttpMetrics metrics;
    private final ExceptionLabels exceptionLabels = new ExceptionLabels();
    private final EventWriter events;
    private final boolean accessLog;
    /** Run once, after the first request is recorded; then cleared. */
    private volatile Runnable afterFirstRequest;

    public RequestRecorder(Routes routes, HttpMetrics metrics, EventWriter events, boolean accessLog) {
        this.routes = routes;
        this.metrics = metrics;
        this.events = events;
        this.accessLog = accessLog;
    }

    /** Something to do once the application has served its first request (its classes are then mostly loaded). */
    public void afterFirstRequest(Runnable task) {
        afterFirstRequest = task;
    }

    /** A request is in flight from here... */
    void started() {
        metrics.started();
    }

    /** ...to here, once, whether or not it is then {@link #record}ed. */
    void finished() {
        metrics.finished();
    }

    /** {@code escaped} is what escaped the outermost dispatch, if anything. */
    void record(RequestContext request, int status, Throwable escaped) {
        long duration = System.nanoTime() - request.startNanos;
        Throwable failure = Outcome.failure(escaped, request.thrownInside(), request.recordedError, status);
        int finalStatus = Outcome.status(status, failure);
        String endpoint = routes.endpoint(request, finalStatus);
        metrics.recorded(request, request.methodIndex, endpoint, finalStatus, duration);
        if (failure != null) {
            Throwable cause = ExceptionLabels.unwrap(failure);
            metrics.exception(request.methodIndex, endpoint, exceptionLabels.label(cause));
            events.emit(new UnhandledException(request, cause));
        }
        if (accessLog && events.isEnabled(Level.INFO)) {
            events.emit(new RequestProcessed(request, endpoint, finalStatus, duration));
        }
        Runnable once = afterFirstRequest;
        if (once != null) {
            afterFirstRequest = null;
            once.run();
        }
    }
}
