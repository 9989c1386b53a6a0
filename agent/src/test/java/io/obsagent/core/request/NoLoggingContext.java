package io.obsagent.core.request;

import io.obsagent.core.events.RequestIdentity;

/** For tests of what happens around a current request: no logging library's MDC is filled. */
public final class NoLoggingContext implements LoggingContext {

    public static final LoggingContext INSTANCE = new NoLoggingContext();

    private NoLoggingContext() {
    }

    @Override
    public Object enter(RequestIdentity request) {
        return null;
    }

    @Override
    public void exit(Object scope) {
    }
}
