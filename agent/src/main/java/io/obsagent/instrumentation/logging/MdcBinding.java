package io.obsagent.instrumentation.logging;

import io.obsagent.core.request.LoggingContext;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Fills the application's own logging context for the duration of a request: SLF4J's {@code MDC}
 * (Logback and any other binding) and Log4j 2's {@code ThreadContext}, whichever the application's class
 * loader has. Keys are {@code request_id}, {@code method}, {@code path}; previous values are restored.
 *
 * <p>The stores are looked up through the thread's context class loader, which every servlet container sets
 * to the web application's loader while it dispatches. The loader of the class being dispatched would be
 * wrong: in a standalone Tomcat the outermost filter of every request is Tomcat's own {@code WsFilter}, from
 * the container's loader, which does not see the libraries in the application's {@code WEB-INF/lib}.
 */
public final class MdcBinding implements LoggingContext {

    static final String[] KEYS = {"request_id", "method", "path"};

    private final Map<ClassLoader, MdcTargets> byLoader = new WeakHashMap<ClassLoader, MdcTargets>();
    /**
     * The last loader seen and its stores, as one pair: most applications have a single loader. The loader is
     * held weakly, like the map's keys, so an undeployed application's loader is not kept by this cache.
     */
    private volatile LastSeen last = new LastSeen(null, null);

    @Override
    public Object enter(String requestId, String method, String path) {
        MdcTargets targets = targetsFor(Thread.currentThread().getContextClassLoader());
        return targets.isEmpty() ? null : targets.put(requestId, method, path);
    }

    @Override
    public void exit(Object scope) {
        if (scope != null) {
            ((MdcTargets.Scope) scope).restore();
        }
    }

    private MdcTargets targetsFor(ClassLoader loader) {
        ClassLoader key = loader != null ? loader : ClassLoader.getSystemClassLoader();
        LastSeen seen = last;
        if (seen.loader.get() == key) {
            return seen.targets;
        }
        MdcTargets targets;
        synchronized (byLoader) {
            targets = byLoader.get(key);
            if (targets == null) {
                targets = MdcTargets.find(key);
                byLoader.put(key, targets);
            }
        }
        last = new LastSeen(key, targets);
        return targets;
    }

    private static final class LastSeen {
        final WeakReference<ClassLoader> loader;
        final MdcTargets targets;

        LastSeen(ClassLoader loader, MdcTargets targets) {
            this.loader = new WeakReference<ClassLoader>(loader);
            this.targets = targets;
        }
    }
}
