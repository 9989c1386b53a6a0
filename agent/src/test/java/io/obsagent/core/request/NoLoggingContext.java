package io.obsagent.core.request;

/** For tests of what happens around a current request: no logging library's MDC is filled. */
public final class NoLoggingContext implements LoggingContext {

    public static final LoggingContext INSTANCE = new NoLoggingContext();

    private NoLoggingContext() {
    }

    @Override
    public Object enter(String requestId, String method, String path) {
        return null;
    }

    @Override
    public void exit(Object scope) {
    }
}
