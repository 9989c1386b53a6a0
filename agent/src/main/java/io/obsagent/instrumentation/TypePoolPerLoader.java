package io.obsagent.instrumentation;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * One cache of parsed type descriptions per class loader while the application starts, so a supertype is parsed
 * once however many candidates extend it; after start-up ({@link #stopSharing}) one per transformation, so that
 * nothing parsed stays on the heap. Keys are weak: an undeployed web application's loader can still be collected.
 * Types without a class file are described from the loaded class ({@link LoadedTypeFallback}).
 */
final class TypePoolPerLoader extends AgentBuilder.PoolStrategy.WithTypePoolCache {

    private static final Object BOOTSTRAP = new Object();

    private final Map<Object, TypePool.CacheProvider> caches = new WeakHashMap<Object, TypePool.CacheProvider>();
    private volatile boolean sharing = true;

    TypePoolPerLoader() {
        super(TypePool.Default.ReaderMode.FAST);
    }

    /** From now on each transformation parses afresh what it needs; what the caches hold is let go. */
    void stopSharing() {
        sharing = false;
        synchronized (caches) {
            caches.clear();
        }
    }

    @Override
    protected TypePool.CacheProvider locate(ClassLoader classLoader) {
        if (!sharing) {
            return new LoadedTypeFallback(new TypePool.CacheProvider.Simple(), classLoader);
        }
        Object key = classLoader == null ? BOOTSTRAP : classLoader;
        synchronized (caches) {
            TypePool.CacheProvider cache = caches.get(key);
            if (cache == null) {
                cache = new TypePool.CacheProvider.Simple();
                caches.put(key, cache);
            }
            return new LoadedTypeFallback(cache, classLoader);
        }
    }
}
