package io.obsagent.core.request;

import io.obsagent.core.events.RequestIdentity;

/**
 * Puts the request's ID, method, path and trace-id (when it came with one) into the application's logging context (MDC) on the request
 * thread and restores what was there before. Implemented where the logging libraries are known.
 */
public interface LoggingContext {

    /** Returns what {@link #exit} needs to restore the previous state. */
    Object enter(RequestIdentity request);

    void exit(Object scope);
}
