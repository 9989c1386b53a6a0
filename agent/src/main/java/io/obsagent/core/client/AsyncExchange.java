package io.obsagent.core.client;

import io.obsagent.bridge.Faults;
import io.obsagent.bridge.Outgoing;
import io.obsagent.bridge.StandIn;

import java.lang.reflect.Method;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call of an asynchronous client, seen through the callback its execution chain reports the exchange to
 * (Apache HttpClient 5's {@code AsyncExecCallback}, named here only by its methods): {@code handleResponse} gives
 * the final response's status, {@code completed} or {@code failed} ends the call, which is counted once, before the
 * application's own callback can learn of it.
 */
final class AsyncExchange extends StandIn {

    private final OutgoingCalls calls;
    private final String method;
    private final String scheme;
    private final String host;
    private final int port;
    private final long startNanos = System.nanoTime();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile int status = Outgoing.NO_RESPONSE;

    AsyncExchange(Object callback, OutgoingCalls calls, String method, String scheme, String host, int port) {
        super(callback);
        this.calls = calls;
        this.method = method;
        this.scheme = scheme;
        this.host = host;
        this.port = port;
    }

    @Override
    protected Object intercept(Method called, Object[] arguments) throws Throwable {
        observe(called, arguments);
        return callback(called, arguments);
    }

    /** The agent's part runs on the client's thread, outside any advice: its faults are counted here. */
    private void observe(Method called, Object[] arguments) {
        try {
            String name = called.getName();
            if (name.equals("handleResponse")) {
                status = statusOf(called, arguments[0]);
            } else if ((name.equals("completed") || name.equals("failed")) && ended.compareAndSet(false, true)) {
                calls.finished(method, scheme, host, port, status, startNanos);
            }
        } catch (Throwable t) {
            Faults.adviceFailed(t, "AsyncExchange");
        }
    }

    /** The response's {@code getCode()}, looked up on the parameter's declared type (the library's public interface). */
    private static int statusOf(Method handleResponse, Object response) throws ReflectiveOperationException {
        return (Integer) handleResponse.getParameterTypes()[0].getMethod("getCode").invoke(response);
    }
}
