package io.obsagent.instrumentation.servlet;

import io.obsagent.core.metrics.AgentFaults;
import io.obsagent.core.request.AsyncEnds;
import io.obsagent.core.request.RequestContext;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Ends an asynchronous request when its {@code AsyncContext} completes. The listener is a dynamic proxy of the
 * application's own {@code AsyncListener} interface (javax or jakarta), so no class has to be injected into the
 * application's class loader; the servlet objects are read through {@link ServletReflection}. The container calls
 * the listener, not advice: it catches and counts its own faults so that the container never sees one.
 */
public final class AsyncCompletion implements AsyncEnds {

    private final AgentFaults faults;
    private final String[] errorAttributes;

    /** @param errorAttributes request attributes in which frameworks leave the request's error, read at completion */
    public AsyncCompletion(AgentFaults faults, String[] errorAttributes) {
        this.faults = faults;
        this.errorAttributes = errorAttributes.clone();
    }

    @Override
    public boolean endOnCompletion(RequestContext request, Object asyncContext, Class<?> asyncListenerType) {
        ServletReflection api = ServletReflection.of(asyncListenerType);
        if (api == null) {
            return false;
        }
        try {
            api.addListener(asyncContext, Proxy.newProxyInstance(asyncListenerType.getClassLoader(),
                    new Class<?>[]{asyncListenerType}, new Listener(request, api)));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The listener of one request's async cycles. */
    private final class Listener implements InvocationHandler {
        private final RequestContext request;
        private final ServletReflection api;

        Listener(RequestContext request, ServletReflection api) {
            this.request = request;
            this.api = api;
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
                Object servletRequest = api.suppliedRequest(event);
                request.recordedError(api.containerError(servletRequest));
                for (String attribute : errorAttributes) {
                    request.recordedError(api.attribute(servletRequest, attribute));
                }
                request.asyncCompleted(api.status(api.suppliedResponse(event)));
            } else if (name.equals("onError")) {
                request.nestedThrew(api.eventThrowable(event));
            } else if (name.equals("onStartAsync")) {
                // A new async cycle drops the listeners of the last one: register again to see its end.
                api.addListener(api.eventAsyncContext(event), proxy);
            }
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
