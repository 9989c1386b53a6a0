package io.obsagent.core.events;

/** The access-log event of agent/SPEC.md §4, one per request, with exactly these fields. */
public final class RequestProcessed extends Event {

    public static final String LOGGER = "obs.access";

    private final String requestId;
    private final String method;
    private final String path;
    private final String endpoint;
    private final int status;
    private final long durationNanos;

    public RequestProcessed(String requestId, String method, String path, String endpoint, int status, long durationNanos) {
        super(Level.INFO, LOGGER, "request_processed");
        this.requestId = requestId;
        this.method = method;
        this.path = path;
        this.endpoint = endpoint;
        this.status = status;
        this.durationNanos = durationNanos;
    }

    @Override
    protected void writeFields(JsonFields fields) {
        fields.string("request_id", requestId)
                .string("method", method)
                .string("path", path)
                .string("endpoint", endpoint)
                .number("status", status)
                .millis("duration_ms", durationNanos);
    }
}
