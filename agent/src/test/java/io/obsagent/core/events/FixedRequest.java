package io.obsagent.core.events;

/** A request identity with given values, for tests that need one without running a request. */
public final class FixedRequest implements RequestIdentity {

    private final String requestId;
    private final String traceId;
    private final String method;
    private final String path;

    public FixedRequest(String requestId, String method, String path) {
        this(requestId, method, path, null);
    }

    public FixedRequest(String requestId, String method, String path, String traceId) {
        this.requestId = requestId;
        this.traceId = traceId;
        this.method = method;
        this.path = path;
    }

    @Override
    public String requestId() {
        return requestId;
    }

    @Override
    public String traceId() {
        return traceId;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }
}
