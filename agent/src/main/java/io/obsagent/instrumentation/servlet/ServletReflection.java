package io.obsagent.instrumentation.servlet;

import java.lang.reflect.Method;

/**
 * The few servlet API calls needed off the request thread, resolved once per servlet API (javax or
 * jakarta, per class loader) through its public interfaces, so it works for any container's classes.
 */
final class ServletReflection {

    private static final ClassValue<ServletReflection> BY_LISTENER_TYPE = new ClassValue<ServletReflection>() {
        @Override
        protected ServletReflection computeValue(Class<?> listenerType) {
            try {
                return new ServletReflection(listenerType);
            } catch (Exception | LinkageError e) {
                return null;
            }
        }
    };

    private final Method addListener;
    private final Method getThrowable;
    private final Method getSuppliedRequest;
    private final Method getSuppliedResponse;
    private final Method getAsyncContext;
    private final Method getStatus;
    private final Method getAttribute;
    /** The API's own {@code RequestDispatcher.ERROR_EXCEPTION}, the attribute the container records an error in. */
    private final String errorAttribute;

    private ServletReflection(Class<?> listenerType) throws ReflectiveOperationException {
        String name = listenerType.getName();
        String namespace = name.substring(0, name.length() - "AsyncListener".length());
        ClassLoader loader = listenerType.getClassLoader();
        Class<?> asyncContext = Class.forName(namespace + "AsyncContext", false, loader);
        Class<?> event = Class.forName(namespace + "AsyncEvent", false, loader);
        addListener = asyncContext.getMethod("addListener", listenerType);
        getThrowable = event.getMethod("getThrowable");
        getSuppliedRequest = event.getMethod("getSuppliedRequest");
        getSuppliedResponse = event.getMethod("getSuppliedResponse");
        getAsyncContext = event.getMethod("getAsyncContext");
        getStatus = Class.forName(namespace + "http.HttpServletResponse", false, loader).getMethod("getStatus");
        getAttribute = Class.forName(namespace + "ServletRequest", false, loader).getMethod("getAttribute", String.class);
        errorAttribute = (String) Class.forName(namespace + "RequestDispatcher", false, loader).getField("ERROR_EXCEPTION").get(null);
    }

    static ServletReflection of(Class<?> listenerType) {
        return listenerType == null ? null : BY_LISTENER_TYPE.get(listenerType);
    }

    void addListener(Object asyncContext, Object listener) throws ReflectiveOperationException {
        addListener.invoke(asyncContext, listener);
    }

    Throwable eventThrowable(Object event) throws ReflectiveOperationException {
        return (Throwable) getThrowable.invoke(event);
    }

    Object suppliedRequest(Object event) throws ReflectiveOperationException {
        return getSuppliedRequest.invoke(event);
    }

    Object suppliedResponse(Object event) throws ReflectiveOperationException {
        return getSuppliedResponse.invoke(event);
    }

    Object eventAsyncContext(Object event) throws ReflectiveOperationException {
        return getAsyncContext.invoke(event);
    }

    /** The status of an HTTP response; 200 for anything else (a non-HTTP response has none). */
    int status(Object response) throws ReflectiveOperationException {
        return getStatus.getDeclaringClass().isInstance(response) ? (Integer) getStatus.invoke(response) : 200;
    }

    /** The error the container recorded on the request, if any. */
    Object containerError(Object request) throws ReflectiveOperationException {
        return attribute(request, errorAttribute);
    }

    /** A request attribute, or null when {@code request} is not a servlet request. */
    Object attribute(Object request, String name) throws ReflectiveOperationException {
        return getAttribute.getDeclaringClass().isInstance(request) ? getAttribute.invoke(request, name) : null;
    }
}
