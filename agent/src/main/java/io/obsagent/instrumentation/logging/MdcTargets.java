package io.obsagent.instrumentation.logging;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The logging-context stores one class loader can see, each reached through its static get/put/remove.
 *
 * <p>The store classes are held weakly, and their method handles live in a {@link ClassValue} of the class
 * itself: a web application's {@code org.slf4j.MDC} is then collected with the application when it is
 * undeployed, instead of being kept alive by the agent's cache (whose keys are the application's loaders).
 *
 * <p>When one API is only a bridge to the other (Spring Boot ships log4j-to-slf4j, so Log4j's
 * {@code ThreadContext} writes into SLF4J's MDC; log4j-slf4j-impl is the reverse), only the store that holds
 * the map is filled: filling both would write every key twice per request.
 */
final class MdcTargets {

    static final String SLF4J_MDC = "org.slf4j.MDC";
    static final String LOG4J_THREAD_CONTEXT = "org.apache.logging.log4j.ThreadContext";

    private static final ClassValue<Store> STORES = new ClassValue<Store>() {
        @Override
        protected Store computeValue(Class<?> type) {
            return Store.of(type);
        }
    };

    private final List<WeakReference<Class<?>>> types;

    private MdcTargets(List<WeakReference<Class<?>>> types) {
        this.types = types;
    }

    static MdcTargets find(ClassLoader loader) {
        Class<?> slf4j = usableStore(SLF4J_MDC, loader);
        Class<?> log4j = usableStore(LOG4J_THREAD_CONTEXT, loader);
        if (slf4j != null && (isBackend(slf4j, "getMDCAdapter", "NOPMDCAdapter")
                || (log4j != null && isBackend(slf4j, "getMDCAdapter", "Log4jMDCAdapter")))) {
            slf4j = null;
        }
        if (log4j != null && (isBackend(log4j, "getThreadContextMap", "NoOpThreadContextMap")
                || (slf4j != null && isBackend(log4j, "getThreadContextMap", "MDCContextMap")))) {
            log4j = null;
        }
        List<WeakReference<Class<?>>> types = new ArrayList<WeakReference<Class<?>>>(2);
        for (Class<?> type : new Class<?>[]{slf4j, log4j}) {
            if (type != null) {
                types.add(new WeakReference<Class<?>>(type));
            }
        }
        return new MdcTargets(types);
    }

    private static Class<?> usableStore(String name, ClassLoader loader) {
        try {
            Class<?> type = Class.forName(name, true, loader);
            return STORES.get(type) != null ? type : null;
        } catch (Throwable absent) {
            // The application does not use this library: nothing to fill.
            return null;
        }
    }

    /** True when the store's backing object (its MDC adapter or context map) has this simple class name. */
    private static boolean isBackend(Class<?> store, String accessor, String simpleName) {
        try {
            Object backend = store.getMethod(accessor).invoke(null);
            return backend != null && backend.getClass().getSimpleName().equals(simpleName);
        } catch (Throwable unknown) {
            return false;
        }
    }

    boolean isEmpty() {
        return types.isEmpty();
    }

    /** Puts the values into every store and returns what restores the previous ones. */
    Scope put(String requestId, String method, String path) {
        int count = types.size();
        Store[] stores = new Store[count];
        String[] previous = new String[count * MdcBinding.KEYS.length];
        for (int s = 0; s < count; s++) {
            Class<?> type = types.get(s).get();
            stores[s] = type == null ? null : STORES.get(type);
            if (stores[s] != null) {
                stores[s].swap(requestId, method, path, previous, s * MdcBinding.KEYS.length);
            }
        }
        return new Scope(stores, previous);
    }

    /** Restores in reverse order, so stores that share one map end clean whatever the order of filling. */
    static final class Scope {
        private final Store[] stores;
        private final String[] previous;

        private Scope(Store[] stores, String[] previous) {
            this.stores = stores;
            this.previous = previous;
        }

        void restore() {
            for (int s = stores.length - 1; s >= 0; s--) {
                if (stores[s] != null) {
                    stores[s].restore(previous, s * MdcBinding.KEYS.length);
                }
            }
        }
    }

    private static final class Store {
        private final MethodHandle get;
        private final MethodHandle put;
        private final MethodHandle remove;

        private Store(MethodHandle get, MethodHandle put, MethodHandle remove) {
            this.get = get;
            this.put = put;
            this.remove = remove;
        }

        /** The store's handles, or null when this version lacks them (then it is simply not filled). */
        static Store of(Class<?> type) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                return new Store(
                        lookup.findStatic(type, "get", MethodType.methodType(String.class, String.class)),
                        lookup.findStatic(type, "put", MethodType.methodType(void.class, String.class, String.class)),
                        lookup.findStatic(type, "remove", MethodType.methodType(void.class, String.class)));
            } catch (Throwable unusable) {
                return null;
            }
        }

        void swap(String requestId, String method, String path, String[] previous, int offset) {
            put(MdcBinding.KEYS[0], requestId, previous, offset);
            put(MdcBinding.KEYS[1], method, previous, offset + 1);
            put(MdcBinding.KEYS[2], path, previous, offset + 2);
        }

        private void put(String key, String value, String[] previous, int slot) {
            try {
                previous[slot] = (String) get.invokeExact(key);
                put.invokeExact(key, value);
            } catch (Throwable t) {
                // One key failing must not stop the request; the others are still set.
            }
        }

        void restore(String[] previous, int offset) {
            for (int i = 0; i < MdcBinding.KEYS.length; i++) {
                try {
                    String old = previous[offset + i];
                    if (old == null) {
                        remove.invokeExact(MdcBinding.KEYS[i]);
                    } else {
                        put.invokeExact(MdcBinding.KEYS[i], old);
                    }
                } catch (Throwable t) {
                    // As above: best effort per key.
                }
            }
        }
    }
}
