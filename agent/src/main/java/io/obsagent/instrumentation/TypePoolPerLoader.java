package io.obsagent.instrumentation;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * One cache of parsed type descriptions per class loader, so a supertype is parsed once however many
 * candidates extend it. Keys are weak: an undeployed web application's loader can still be collected.
 * Types without a class file are described from the loaded class ({@link LoadedTypeFallback}).
 */
final class TypePoolPerLoader extends AgentBuilder.PoolStrategy.WithTypePoolCache {

    private static final Object BOOTSTRAP = new Object();

    private final Map<Object, TypePool.CacheProvider> caches = new WeakHashMap<Object, TypePool.CacheProvider>();

    TypePoolPerLoader() {
        super(TypePool.Default.ReaderMode.FAST);
    }

    @Override
    protected TypePool.CacheProvider locate(ClassLoader classLoader) {
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
