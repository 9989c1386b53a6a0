package io.obsagent.core.request;

/**
 * Puts the request's ID, method and path into the application's logging context (MDC) on the request
 * thread and restores what was there before. Implemented where the logging libraries are known.
 */
public interface LoggingContext {

    /** Returns what {@link #exit} needs to restore the previous state. */
    Object enter(String requestId, String method, String path);

    void exit(Object scope);
}
