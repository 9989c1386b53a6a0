package io.obsagent.instrumentation.logging;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;

/** The logging-context stores one class loader can see, each reached through its static get/put/remove. */
final class MdcTargets {

    private final List<Store> stores;

    private MdcTargets(List<Store> stores) {
        this.stores = stores;
    }

    static MdcTargets find(ClassLoader loader) {
        List<Store> stores = new ArrayList<Store>(2);
        addIfPresent(stores, loader, "org.slf4j.MDC");
        addIfPresent(stores, loader, "org.apache.logging.log4j.ThreadContext");
        return new MdcTargets(stores);
    }

    private static void addIfPresent(List<Store> stores, ClassLoader loader, String className) {
        try {
            Class<?> type = Class.forName(className, true, loader);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            stores.add(new Store(
                    lookup.findStatic(type, "get", MethodType.methodType(String.class, String.class)),
                    lookup.findStatic(type, "put", MethodType.methodType(void.class, String.class, String.class)),
                    lookup.findStatic(type, "remove", MethodType.methodType(void.class, String.class))));
        } catch (Throwable absentOrUnusable) {
            // The application does not use this library (or an incompatible version): nothing to fill.
        }
    }

    boolean isEmpty() {
        return stores.isEmpty();
    }

    /** Puts the values into every store and returns what restores the previous ones. */
    Scope put(String requestId, String method, String path) {
        String[] values = {requestId, method, path};
        String[][] previous = new String[stores.size()][];
        for (int s = 0; s < stores.size(); s++) {
            previous[s] = stores.get(s).swap(values);
        }
        return new Scope(previous);
    }

    /** Restores, in reverse order, so stores that share one map (Log4j over SLF4J or the reverse) end clean. */
    final class Scope {
        private final String[][] previous;

        private Scope(String[][] previous) {
            this.previous = previous;
        }

        void restore() {
            for (int s = stores.size() - 1; s >= 0; s--) {
                stores.get(s).restore(previous[s]);
            }
        }
    }

    private static final class Store {
        private final MethodHandle get;
        private final MethodHandle put;
        private final MethodHandle remove;

        Store(MethodHandle get, MethodHandle put, MethodHandle remove) {
            this.get = get;
            this.put = put;
            this.remove = remove;
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
