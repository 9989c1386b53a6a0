package io.obsagent.it.harness;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The agent's JSON events on an app's standard output, read the way the tests need them: the
 * {@code request_processed} access events (one per request, recorded at the same moment as the HTTP metrics,
 * with the same {@code method}/{@code endpoint}/{@code status} labels) and the {@code unhandled_exception} events.
 *
 * <p>Requests are found by their request ID. To prove that something happened <em>exactly</em> once, call
 * {@link #settle()} first: it sends a marker request and waits for its event, so that whatever the earlier
 * requests were going to log has been logged (events are written in order by one writer thread).
 */
public final class AgentEvents {

    public static final String REQUEST_PROCESSED = "request_processed";
    public static final String UNHANDLED_EXCEPTION = "unhandled_exception";
    public static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final AtomicLong MARKERS = new AtomicLong();

    private final AppProcess app;
    private final String markerPath;

    private AgentEvents(AppProcess app, String markerPath) {
        this.app = app;
        this.markerPath = markerPath;
    }

    /** @param markerPath a cheap path of the app that answers without side effects, used by {@link #settle()} */
    public static AgentEvents of(AppProcess app, String markerPath) {
        return new AgentEvents(app, markerPath);
    }

    /** A valid request ID no other request of the run uses, to send in {@code X-Request-ID} and find the request's events by. */
    public static String newRequestId() {
        return "it-" + UUID.randomUUID();
    }

    /** Every event of this kind so far. */
    public List<Map<String, Object>> all(String event) {
        return JsonLines.of(app.stdoutLines()).events(event);
    }

    public List<Map<String, Object>> requestsProcessed() {
        return all(REQUEST_PROCESSED);
    }

    /** The {@code request_processed} events of one request so far (more than one is a bug). */
    public List<Map<String, Object>> requestsProcessed(String requestId) {
        return withRequestId(all(REQUEST_PROCESSED), requestId);
    }

    /** The {@code unhandled_exception} events of one request so far (more than one is a bug). */
    public List<Map<String, Object>> unhandledExceptions(String requestId) {
        return withRequestId(all(UNHANDLED_EXCEPTION), requestId);
    }

    /** Waits for the request's {@code request_processed} event and returns the first one. */
    public Map<String, Object> awaitRequestProcessed(String requestId) {
        return awaitEvents(REQUEST_PROCESSED, event -> requestId.equals(event.get("request_id")), 1, EVENT_TIMEOUT).get(0);
    }

    /** Waits until at least {@code count} events of this kind match; returns all that match. */
    public List<Map<String, Object>> awaitEvents(String event, Predicate<Map<String, Object>> matcher, int count,
                                                 Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Map<String, Object>> matching = all(event).stream().filter(matcher).toList();
            if (matching.size() >= count) {
                return matching;
            }
            if (!app.isAlive() || System.nanoTime() - deadline > 0) {
                throw new AssertionError("Expected at least " + count + " \"" + event + "\" events to match but found "
                        + matching.size() + " within " + timeout + (app.isAlive() ? "" : " (the app exited)")
                        + "; output in " + app.logFile());
            }
            sleep();
        }
    }

    /**
     * Sends a marker request and waits for its {@code request_processed} event. Afterwards, the events of
     * every request answered before are all written: counting them is final.
     */
    public void settle() {
        String marker = "settle-" + MARKERS.incrementAndGet() + "-" + UUID.randomUUID();
        Http.get(app.appUrl(markerPath), "X-Request-ID", marker);
        awaitRequestProcessed(marker);
    }

    /**
     * The distinct {@code endpoint} label values the agent recorded, read from the access events, which carry
     * the label of the {@code http_requests_total} series the request was counted in. The /metrics endpoint
     * is served by the side server: once it is available this should read the series from there instead.
     */
    public Set<String> distinctEndpoints() {
        return requestsProcessed().stream().map(event -> (String) event.get("endpoint"))
                .filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The distinct {@code method} label values the agent recorded (see {@link #distinctEndpoints()}). */
    public Set<String> distinctMethods() {
        return requestsProcessed().stream().map(event -> (String) event.get("method"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Map<String, Object>> withRequestId(List<Map<String, Object>> events, String requestId) {
        return events.stream().filter(event -> requestId.equals(event.get("request_id"))).toList();
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for agent events", e);
        }
    }
}
