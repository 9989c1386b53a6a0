package io.obsagent.bridge;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The agent's stand-in for a library's callback object, which the bridge cannot name: a proxy of the callback's
 * interface, defined by that interface's loader (the JDK caches the proxy class per loader, weakly). Each call of
 * the interface reaches {@link #intercept}; {@code hashCode} and {@code toString} are the callback's own, so a log
 * line or a debugger names the application's object, and the stand-in equals only itself.
 */
public abstract class StandIn implements InvocationHandler {

    private final Object callback;

    protected StandIn(Object callback) {
        this.callback = callback;
    }

    /** A proxy of {@code type} standing in for the callback. */
    public final Object proxy(Class<?> type) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, this);
    }

    /** Whether {@code object} is a proxy standing in with a handler of {@code kind}. */
    public static boolean isOne(Object object, Class<? extends StandIn> kind) {
        return object != null && Proxy.isProxyClass(object.getClass()) && kind.isInstance(Proxy.getInvocationHandler(object));
    }

    @Override
    public final Object invoke(Object proxy, Method method, Object[] arguments) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return method.getName().equals("equals") ? proxy == arguments[0] : callback(method, arguments);
        }
        return intercept(method, arguments);
    }

    /** One call of the callback's interface; {@link #callback} makes it. */
    protected abstract Object intercept(Method method, Object[] arguments) throws Throwable;

    /** Calls the callback itself; what it throws reaches the caller unchanged. */
    protected final Object callback(Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(callback, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
