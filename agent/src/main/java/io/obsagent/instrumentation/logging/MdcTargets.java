package io.obsagent.instrumentation.logging;

import io.obsagent.core.events.RequestIdentity;

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
    private static final String LOG4J_TO_SLF4J_MAP = "org/apache/logging/slf4j/MDCContextMap.class";
    private static final String SLF4J_TO_LOG4J_ADAPTER = "org/apache/logging/slf4j/Log4jMDCAdapter.class";

    private static final ClassValue<Store> STORES = new ClassValue<Store>() {
        @Override
        protected Store computeValue(Class<?> type) {
            return Store.of(type);
        }
    };

    private final List<WeakReference<Class<?>>> types;
    /** Removes what {@link #put} set on a clean thread: the three keys, or the four with {@code trace_id}. */
    private final Scope clearedThree = new Cleared(MdcBinding.ALWAYS_SET);
    private final Scope clearedAll = new Cleared(MdcBinding.KEYS.length);

    private MdcTargets(List<WeakReference<Class<?>>> types) {
        this.types = types;
    }

    static MdcTargets find(ClassLoader loader) {
        // The bridges are seen by their class files first, so a bridged API is never initialised by the agent:
        // log4j-to-slf4j (Spring Boot's default) routes ThreadContext into SLF4J, log4j-slf4j-impl the reverse.
        boolean log4jIntoSlf4j = loader.getResource(LOG4J_TO_SLF4J_MAP) != null;
        boolean slf4jIntoLog4j = !log4jIntoSlf4j && loader.getResource(SLF4J_TO_LOG4J_ADAPTER) != null;
        Class<?> slf4j = slf4jIntoLog4j ? null : usableStore(SLF4J_MDC, loader);
        Class<?> log4j = log4jIntoSlf4j ? null : usableStore(LOG4J_THREAD_CONTEXT, loader);
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

    /**
     * Puts the values into every store and returns what restores the previous ones. Usually no store holds any of
     * the keys yet (a pooled thread between requests): then a shared {@code Cleared} scope is returned, which
     * removes them again, and nothing is allocated.
     */
    Scope put(RequestIdentity request) {
        // A request without a trace-id never touches trace_id, so whether the thread holds one does not matter.
        int keys = request.traceId() == null ? MdcBinding.ALWAYS_SET : MdcBinding.KEYS.length;
        if (!holdsAnyKey(keys)) {
            for (int s = 0; s < types.size(); s++) {
                Store store = store(s);
                if (store != null) {
                    store.putAll(request, keys);
                }
            }
            return keys == MdcBinding.ALWAYS_SET ? clearedThree : clearedAll;
        }
        int count = types.size();
        Store[] stores = new Store[count];
        String[] previous = new String[count * MdcBinding.KEYS.length];
        for (int s = 0; s < count; s++) {
            stores[s] = store(s);
            if (stores[s] != null) {
                stores[s].swap(request, previous, s * MdcBinding.KEYS.length);
            }
        }
        return new Swapped(stores, previous);
    }

    private boolean holdsAnyKey(int keys) {
        for (int s = 0; s < types.size(); s++) {
            Store store = store(s);
            if (store != null && store.holdsAnyKey(keys)) {
                return true;
            }
        }
        return false;
    }

    private Store store(int index) {
        Class<?> type = types.get(index).get();
        return type == null ? null : STORES.get(type);
    }

    /** What restores the stores of one request. */
    abstract static class Scope {
        abstract void restore();
    }

    /** Removes the keys from every store, in reverse order, so stores that share one map end clean. */
    private final class Cleared extends Scope {
        private final int keys;

        Cleared(int keys) {
            this.keys = keys;
        }

        @Override
        void restore() {
            for (int s = types.size() - 1; s >= 0; s--) {
                Store store = store(s);
                if (store != null) {
                    store.removeAll(keys);
                }
            }
        }
    }

    /** Puts back the values held before, in reverse order, so stores that share one map end as they were. */
    private static final class Swapped extends Scope {
        private final Store[] stores;
        private final String[] previous;

        Swapped(Store[] stores, String[] previous) {
            this.stores = stores;
            this.previous = previous;
        }

        @Override
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

        /** Whether the thread holds any of the first {@code keys} keys. */
        boolean holdsAnyKey(int keys) {
            try {
                for (int i = 0; i < keys; i++) {
                    if ((String) get.invokeExact(MdcBinding.KEYS[i]) != null) {
                        return true;
                    }
                }
                return false;
            } catch (Throwable t) {
                return true; // unsure: take the path that restores exactly what was there
            }
        }

        /** The first {@code keys} keys, on a thread that holds none of them. */
        void putAll(RequestIdentity request, int keys) {
            for (int i = 0; i < keys; i++) {
                try {
                    put.invokeExact(MdcBinding.KEYS[i], MdcBinding.value(request, i));
                } catch (Throwable t) {
                    // One key failing must not stop the request; the others are still set.
                }
            }
        }

        void removeAll(int keys) {
            for (int i = 0; i < keys; i++) {
                try {
                    remove.invokeExact(MdcBinding.KEYS[i]);
                } catch (Throwable t) {
                    // Best effort per key.
                }
            }
        }

        /** Every key, remembering what it held: a key this request has no value for is removed meanwhile. */
        void swap(RequestIdentity request, String[] previous, int offset) {
            for (int i = 0; i < MdcBinding.KEYS.length; i++) {
                String key = MdcBinding.KEYS[i];
                String value = MdcBinding.value(request, i);
                try {
                    previous[offset + i] = (String) get.invokeExact(key);
                    if (value != null) {
                        put.invokeExact(key, value);
                    } else {
                        remove.invokeExact(key);
                    }
                } catch (Throwable t) {
                    // One key failing must not stop the request; the others are still set.
                }
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
