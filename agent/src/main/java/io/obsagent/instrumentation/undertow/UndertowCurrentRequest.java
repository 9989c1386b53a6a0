package io.obsagent.instrumentation.undertow;

import java.lang.reflect.Method;

/**
 * The servlet request and response Undertow is handling on the current thread, read through its public
 * {@code ServletRequestContext.current()}, reflectively: the agent is not compiled against Undertow.
 */
public final class UndertowCurrentRequest {

    private static final String CONTEXT_TYPE = "io.undertow.servlet.handlers.ServletRequestContext";

    private static final ClassValue<UndertowCurrentRequest> BY_CONTAINER_CLASS = new ClassValue<UndertowCurrentRequest>() {
        @Override
        protected UndertowCurrentRequest computeValue(Class<?> container) {
            try {
                return new UndertowCurrentRequest(Class.forName(CONTEXT_TYPE, false, container.getClassLoader()));
            } catch (Exception | LinkageError e) {
                return null;
            }
        }
    };

    private final Method current;
    private final Method originalRequest;
    private final Method originalResponse;

    private UndertowCurrentRequest(Class<?> contextType) throws NoSuchMethodException {
        current = contextType.getMethod("current");
        originalRequest = contextType.getMethod("getOriginalRequest");
        originalResponse = contextType.getMethod("getOriginalResponse");
    }

    /** {request, response} of the current thread's request, or {@code null} when there is none. */
    public static Object[] of(Class<?> container) throws ReflectiveOperationException {
        UndertowCurrentRequest accessors = BY_CONTAINER_CLASS.get(container);
        Object context = accessors == null ? null : accessors.current.invoke(null);
        if (context == null) {
            return null;
        }
        return new Object[] {accessors.originalRequest.invoke(context), accessors.originalResponse.invoke(context)};
    }
}
