package io.obsagent.instrumentation;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * What is parsed and resolved for a class loader, shared by all its transformations while the application starts:
 * one cache of type descriptions per loader, so a supertype is parsed once however many candidates extend it, and
 * the advice resolved for it ({@link #sharedWhileStarting}). After start-up ({@link #stopSharing}) each
 * transformation parses and resolves afresh, so that nothing of it stays on the heap. Keys are weak: an undeployed
 * web application's loader can still be collected. Types without a class file are described from the loaded class
 * ({@link LoadedTypeFallback}).
 */
final class TypePoolPerLoader extends AgentBuilder.PoolStrategy.WithTypePoolCache {

    private static final Object BOOTSTRAP = new Object();

    private final Map<Object, Shared> byLoader = new WeakHashMap<Object, Shared>();
    private volatile boolean sharing = true;

    TypePoolPerLoader() {
        super(TypePool.Default.ReaderMode.FAST);
    }

    /** From now on each transformation parses and resolves afresh what it needs; what was shared is let go. */
    void stopSharing() {
        sharing = false;
        synchronized (byLoader) {
            byLoader.clear();
        }
    }

    @Override
    protected TypePool.CacheProvider locate(ClassLoader classLoader) {
        Shared shared = shared(classLoader);
        return new LoadedTypeFallback(shared == null ? new TypePool.CacheProvider.Simple() : shared.types, classLoader);
    }

    /**
     * What {@code resolve} makes for {@code loader} and {@code key}: made once per loader while the application
     * starts, and at each call after. It is made without a lock held, so two threads may both make it, and neither
     * waits on a class load of the other's.
     */
    @SuppressWarnings("unchecked")
    <V> V sharedWhileStarting(ClassLoader loader, Object key, Supplier<V> resolve) {
        Shared shared = shared(loader);
        if (shared == null) {
            return resolve.get();
        }
        synchronized (shared) {
            Object made = shared.resolved.get(key);
            if (made != null) {
                return (V) made;
            }
        }
        V made = resolve.get();
        synchronized (shared) {
            if (!shared.resolved.containsKey(key)) {
                shared.resolved.put(key, made);
            }
        }
        return made;
    }

    /** What a loader's transformations share, or {@code null} once start-up is over. */
    private Shared shared(ClassLoader classLoader) {
        if (!sharing) {
            return null;
        }
        Object key = classLoader == null ? BOOTSTRAP : classLoader;
        synchronized (byLoader) {
            Shared shared = byLoader.get(key);
            if (shared == null) {
                shared = new Shared();
                byLoader.put(key, shared);
            }
            return shared;
        }
    }

    private static final class Shared {
        final TypePool.CacheProvider types = new TypePool.CacheProvider.Simple();
        final Map<Object, Object> resolved = new HashMap<Object, Object>();
    }
}
