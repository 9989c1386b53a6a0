package io.obsagent.bridge;

import java.lang.reflect.Method;

/**
 * A library's callback handed off from a request (Apache HttpClient 5's, run on its I/O thread): each of its
 * methods runs with that request current, then restores the thread.
 */
final class HopInvocation extends StandIn {

    private final Object request;

    HopInvocation(Object callback, Object request) {
        super(callback);
        this.request = request;
    }

    @Override
    protected Object intercept(Method method, Object[] arguments) throws Throwable {
        Object binding = Hops.enter(request);
        try {
            return callback(method, arguments);
        } finally {
            Hops.leave(binding);
        }
    }
}
