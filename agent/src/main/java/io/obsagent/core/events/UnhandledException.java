package io.obsagent.core.events;

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

    /**
     * Runs on the writer thread. The message and trace come from the application's own throwable, whose
     * {@code getMessage()} or {@code toString()} may itself throw: the event is still written, saying so.
     */
    @Override
    protected void writeFields(JsonFields fields) {
        fields.string("request_id", requestId)
                .string("method", method)
                .string("path", path)
                .string("exception_type", exception.getClass().getName())
                .string("exception_message", ThrowableText.message(exception))
                .string("stack_trace", ThrowableText.stackTrace(exception));
    }
}
