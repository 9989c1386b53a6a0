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
 */
final class MdcTargets {

    private static final String[] STORE_CLASSES = {"org.slf4j.MDC", "org.apache.logging.log4j.ThreadContext"};

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
        List<WeakReference<Class<?>>> types = new ArrayList<WeakReference<Class<?>>>(2);
        for (String name : STORE_CLASSES) {
            try {
                Class<?> type = Class.forName(name, true, loader);
                if (STORES.get(type) != null) {
                    types.add(new WeakReference<Class<?>>(type));
                }
            } catch (Throwable absent) {
                // The application does not use this library: nothing to fill.
            }
        }
        return new MdcTargets(types);
    }

    boolean isEmpty() {
        return types.isEmpty();
    }

    /** Puts the values into every store and returns what restores the previous ones. */
    Scope put(String requestId, String method, String path) {
        String[] values = {requestId, method, path};
        Store[] stores = new Store[types.size()];
        String[][] previous = new String[stores.length][];
        for (int s = 0; s < stores.length; s++) {
            Class<?> type = types.get(s).get();
            stores[s] = type == null ? null : STORES.get(type);
            previous[s] = stores[s] == null ? null : stores[s].swap(values);
        }
        return new Scope(stores, previous);
    }

    /** Restores, in reverse order, so stores that share one map (Log4j over SLF4J or the reverse) end clean. */
    static final class Scope {
        private final Store[] stores;
        private final String[][] previous;

        private Scope(Store[] stores, String[][] previous) {
            this.stores = stores;
            this.previous = previous;
        }

        void restore() {
            for (int s = stores.length - 1; s >= 0; s--) {
                if (stores[s] != null) {
                    stores[s].restore(previous[s]);
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

        String[] swap(String[] values) {
            String[] old = new String[MdcBinding.KEYS.length];
            for (int i = 0; i < old.length; i++) {
                try {
                    old[i] = (String) get.invokeExact(MdcBinding.KEYS[i]);
                    put.invokeExact(MdcBinding.KEYS[i], values[i]);
                } catch (Throwable t) {
                    // One key failing must not stop the request; the others are still set.
                }
            }
            return old;
        }

        void restore(String[] old) {
            for (int i = 0; i < old.length; i++) {
                try {
                    if (old[i] == null) {
                        remove.invokeExact(MdcBinding.KEYS[i]);
                    } else {
                        put.invokeExact(MdcBinding.KEYS[i], old[i]);
                    }
                } catch (Throwable t) {
                    // As above: best effort per key.
                }
            }
        }
    }
}
