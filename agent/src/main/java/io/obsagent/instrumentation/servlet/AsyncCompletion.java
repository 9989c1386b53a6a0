package io.obsagent.instrumentation.servlet;

import io.obsagent.core.metrics.AgentFaults;
import io.obsagent.core.request.RequestContext;
import io.obsagent.core.request.RequestTracker;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Ends an asynchronous request when its {@code AsyncContext} completes. The listener is a dynamic proxy of
 * the application's own {@code AsyncListener} interface (javax or jakarta), so no class has to be injected
 * into the application's class loader; the servlet objects are read through {@link ServletReflection}.
 * The container calls it, not the bridge: it catches and counts its own faults so that the container never
 * sees one.
 */
public final class AsyncCompletion implements InvocationHandler {

    private final RequestContext context;
    private final RequestTracker tracker;
    private final AgentFaults faults;
    private final ServletReflection api;

    private AsyncCompletion(RequestContext context, RequestTracker tracker, AgentFaults faults, ServletReflection api) {
        this.context = context;
        this.tracker = tracker;
        this.faults = faults;
        this.api = api;
    }

    /** Registers the listener; false when that was impossible (the caller then ends the request at once). */
    public static boolean attach(Object asyncContext, Class<?> listenerType, RequestContext context, RequestTracker tracker,
                                 AgentFaults faults) {
        ServletReflection api = ServletReflection.of(listenerType);
        if (api == null) {
            return false;
        }
        try {
            api.addListener(asyncContext, proxy(listenerType, new AsyncCompletion(context, tracker, faults, api)));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static Object proxy(Class<?> listenerType, AsyncCompletion handler) {
        return Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[]{listenerType}, handler);
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
        String name = method.getName();
        if (method.getDeclaringClass() == Object.class) {
            return objectMethod(proxy, name, args);
        }
        Object event = args == null || args.length == 0 ? null : args[0];
        if (event == null) {
            return null;
        }
        try {
            handle(proxy, name, event);
        } catch (Throwable t) {
            faults.report(name.equals("onComplete") ? "request.end" : "request.async", t);
        }
        return null;
    }

    private void handle(Object proxy, String name, Object event) throws Exception {
        if (name.equals("onComplete")) {
            Object request = api.suppliedRequest(event);
            tracker.end(context, api.status(api.suppliedResponse(event)), null, null, api.recordedError(request));
        } else if (name.equals("onError")) {
            Throwable error = api.eventThrowable(event);
            if (error != null) {
                tracker.nestedThrown(context, error);
            }
        } else if (name.equals("onStartAsync")) {
            // A new async cycle drops the listeners of the last one: register again to see its end.
            api.addListener(api.eventAsyncContext(event), proxy);
        }
    }

    private static Object objectMethod(Object proxy, String name, Object[] args) {
        if (name.equals("equals")) {
            return proxy == args[0];
        }
        if (name.equals("hashCode")) {
            return System.identityHashCode(proxy);
        }
        return "obs-agent async listener";
    }
}
