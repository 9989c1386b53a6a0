package io.obsagent.instrumentation.logging;

import io.obsagent.core.request.LoggingContext;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Fills the application's own logging context for the duration of a request: SLF4J's {@code MDC}
 * (Logback and any other binding) and Log4j 2's {@code ThreadContext}, whichever the application's class
 * loader has. Keys are {@code request_id}, {@code method}, {@code path}; previous values are restored.
 */
public final class MdcBinding implements LoggingContext {

    static final String[] KEYS = {"request_id", "method", "path"};

    private final Map<ClassLoader, MdcTargets> byLoader = new WeakHashMap<ClassLoader, MdcTargets>();
    /** The last loader seen and its stores, as one pair: most applications have a single loader. */
    private volatile Object[] last = {null, null};

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
        Object[] pair = last;
        if (pair[0] == key) {
            return (MdcTargets) pair[1];
        }
        MdcTargets targets;
        synchronized (byLoader) {
            targets = byLoader.get(key);
            if (targets == null) {
                targets = MdcTargets.find(key);
                byLoader.put(key, targets);
            }
        }
        last = new Object[]{key, targets};
        return targets;
    }
}
