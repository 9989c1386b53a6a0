package io.obsagent.core.events;

import java.io.PrintWriter;
import java.io.StringWriter;

/** An exception the application did not handle, logged once per request with its whole stack trace. */
public final class UnhandledException extends Event {

    private final String requestId;
    private final String method;
    private final String path;
    private final Throwable exception;

    public UnhandledException(String requestId, String method, String path, Throwable exception) {
        super(Level.ERROR, AgentEvents.LOGGER, "unhandled_exception");
        this.requestId = requestId;
        this.method = method;
        this.path = path;
        this.exception = exception;
    }

    @Override
    protected void writeFields(JsonFields fields) {
        StringWriter trace = new StringWriter();
        exception.printStackTrace(new PrintWriter(trace));
        fields.string("request_id", requestId)
                .string("method", method)
                .string("path", path)
                .string("exception_type", exception.getClass().getName())
                .string("exception_message", exception.getMessage() == null ? "" : exception.getMessage())
                .string("stack_trace", trace.toString());
    }
}
