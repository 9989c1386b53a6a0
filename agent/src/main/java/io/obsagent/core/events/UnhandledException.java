package io.obsagent.core.events;

/** An exception the application did not handle, logged once per request with its whole stack trace. */
public final class UnhandledException extends Event {

    private final RequestIdentity request;
    private final Throwable exception;

    public UnhandledException(RequestIdentity request, Throwable exception) {
        super(Level.ERROR, AgentEvents.LOGGER, "unhandled_exception");
        this.request = request;
        this.exception = exception;
    }

    /**
     * Runs on the writer thread. The message and trace come from the application's own throwable, whose
     * {@code getMessage()} or {@code toString()} may itself throw: the event is still written, saying so.
     */
    @Override
    protected void writeFields(JsonFields fields) {
        fields.request(request)
                .string("exception_type", exception.getClass().getName())
                .string("exception_message", ThrowableText.message(exception))
                .string("stack_trace", ThrowableText.stackTrace(exception));
    }
}
