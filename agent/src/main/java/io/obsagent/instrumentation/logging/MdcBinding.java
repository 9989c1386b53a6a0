package io.obsagent.instrumentation.logging;

import io.obsagent.core.events.RequestIdentity;
import io.obsagent.core.request.LoggingContext;
import io.obsagent.instrumentation.WeakKeyCache;


/**
 * Fills the application's own logging context for the duration of a request: SLF4J's {@code MDC}
 * (Logback and any other binding) and Log4j 2's {@code ThreadContext}, whichever the application's class
 * loader has. Keys are {@code request_id}, {@code method}, {@code path} and, for a request with a valid
 * {@code traceparent}, {@code trace_id}; previous values are restored.
 *
 * <p>The stores are looked up through the thread's context class loader, which every servlet container sets
 * to the web application's loader while it dispatches. The loader of the class being dispatched would be
 * wrong: in a standalone Tomcat the outermost filter of every request is Tomcat's own {@code WsFilter}, from
 * the container's loader, which does not see the libraries in the application's {@code WEB-INF/lib}.
 */
public final class MdcBinding implements LoggingContext {

    static final String[] KEYS = {"request_id", "method", "path", "trace_id"};
    /** Keys before this index are always set; {@code trace_id} only for a request that came with one. */
    static final int ALWAYS_SET = 3;

    /** Each loader's stores; an undeployed application's loader is not kept by it. */
    private final WeakKeyCache<ClassLoader, MdcTargets> byLoader = new WeakKeyCache<ClassLoader, MdcTargets>(MdcTargets::find);

    @Override
    public Object enter(RequestIdentity request) {
        MdcTargets targets = targetsFor(Thread.currentThread().getContextClassLoader());
        return targets.isEmpty() ? null : targets.put(request);
    }

    /** The value of {@code KEYS[key]} for this request; {@code null} for a trace-id it did not come with. */
    static String value(RequestIdentity request, int key) {
        switch (key) {
            case 0:
                return request.requestId();
            case 1:
                return request.method();
            case 2:
                return request.path();
            default:
                return request.traceId();
        }
    }

    @Override
    public void exit(Object scope) {
        if (scope != null) {
            ((MdcTargets.Scope) scope).restore();
        }
    }

    private MdcTargets targetsFor(ClassLoader loader) {
        return byLoader.get(loader != null ? loader : ClassLoader.getSystemClassLoader());
    }
}
