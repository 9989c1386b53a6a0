package io.obsagent.instrumentation;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;

import java.lang.ref.WeakReference;

/**
 * Describes a type that has no class file but is already loaded: another agent attached before this one
 * (the OpenTelemetry Java agent, for one) adds interfaces it generates at run time to the classes it
 * instruments, so the class files this agent sees name types that no class loader can give the bytes of.
 * Without this, matching such a class against its supertypes fails and the class goes uninstrumented.
 *
 * <p>A cache decorator: the type pool registers every type it has looked for, and an unresolved one is
 * answered by the loaded class's description if the loader knows that class. That answer is not cached: it
 * holds the class, and so its loader, which must not be kept alive by the loader's own cache entry (the
 * loader itself is held weakly for the same reason). Such types are rare, so looking again costs nothing.
 */
final class LoadedTypeFallback implements TypePool.CacheProvider {

    private final TypePool.CacheProvider cache;
    private final WeakReference<ClassLoader> classLoader;

    LoadedTypeFallback(TypePool.CacheProvider cache, ClassLoader classLoader) {
        this.cache = cache;
        this.classLoader = new WeakReference<ClassLoader>(classLoader);
    }

    @Override
    public TypePool.Resolution find(String name) {
        return cache.find(name);
    }

    @Override
    public TypePool.Resolution register(String name, TypePool.Resolution resolution) {
        return resolution.isResolved() ? cache.register(name, resolution) : loaded(name, resolution);
    }

    @Override
    public void clear() {
        cache.clear();
    }

    private TypePool.Resolution loaded(String name, TypePool.Resolution unresolved) {
        ClassLoader loader = classLoader.get();
        try {
            return new TypePool.Resolution.Simple(TypeDescription.ForLoadedType.of(Class.forName(name, false, loader)));
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return unresolved;
        }
    }
}
