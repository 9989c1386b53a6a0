package io.obsagent.instrumentation;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * What the agent computed once for an application object (a class loader, a servlet context), kept no longer than
 * that object lives, so an undeployed web application is never held by the agent. Most applications have one such
 * object, so the last one seen is answered without a lock; it too is held weakly. Values must not refer to their
 * key, or the key would never be collected.
 */
public final class WeakKeyCache<K, V> {

    private final Map<K, V> byKey = new WeakHashMap<K, V>();
    private final Function<K, V> compute;
    private volatile LastSeen<K, V> last = new LastSeen<K, V>(null, null);

    public WeakKeyCache(Function<K, V> compute) {
        this.compute = compute;
    }

    public V get(K key) {
        LastSeen<K, V> seen = last;
        if (seen.key.get() == key) {
            return seen.value;
        }
        V value;
        synchronized (byKey) {
            value = byKey.get(key);
            if (value == null) {
                value = compute.apply(key);
                byKey.put(key, value);
            }
        }
        last = new LastSeen<K, V>(key, value);
        return value;
    }

    private static final class LastSeen<K, V> {
        final WeakReference<K> key;
        final V value;

        LastSeen(K key, V value) {
            this.key = new WeakReference<K>(key);
            this.value = value;
        }
    }
}
