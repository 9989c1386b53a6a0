package io.obsagent.core.events;

/** The access-log event of agent/SPEC.md §4, one per request, with exactly these fields
 * ({@code trace_id} only when the request came with a valid {@code traceparent}). */
public final class RequestProcessed extends Event {

    public static final String LOGGER = "obs.access";

    private final RequestIdentity request;
    private final String endpoint;
    private final int status;
    private final long durationNanos;

    public RequestProcessed(RequestIdentity request, String endpoint, int status, long durationNanos) {
        super(Level.INFO, LOGGER, "request_processed");
        this.request = request;
        this.endpoint = endpoint;
        this.status = status;
        this.durationNanos = durationNanos;
    }

    @Override
    protected void writeFields(JsonFields fields) {
        fields.request(request)
                .string("endpoint", endpoint)
                .number("status", status)
                .millis("duration_ms", durationNanos);
    }
}
