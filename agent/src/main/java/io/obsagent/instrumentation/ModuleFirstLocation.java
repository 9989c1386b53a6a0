package io.obsagent.instrumentation;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.utility.JavaModule;

/**
 * Where Byte Buddy reads class files: the JDK's own from their modules, everything else from its class loader.
 * A JDK class file found through a class loader comes from a {@code jrt:} URL, and the first such read loads
 * the URL handler's classes. When another agent's transformer also runs (the OpenTelemetry agent attached
 * after this one), loading those classes from inside a transformation ends in a {@code ClassCircularityError}
 * and the class being transformed goes uninstrumented. Reading from the module needs no URL (and is cheaper).
 * Java 8 has no modules: there, the boot loader's class files come from it as before.
 *
 * <p>The class loader is held weakly: the type descriptions that {@link TypePoolPerLoader} caches for a loader
 * keep their type pool, and so this locator, as long as the cache entry lives; a strong reference here would
 * be a value keeping its own weak key alive, and every redeployed web application would stay in memory.
 */
final class ModuleFirstLocation implements AgentBuilder.LocationStrategy {

    private final ClassFileLocator jdk = JdkModuleClassFiles.ofBootLayer();

    @Override
    public ClassFileLocator classFileLocator(ClassLoader classLoader, JavaModule module) {
        return new ClassFileLocator.Compound(jdk, ClassFileLocator.ForClassLoader.WeaklyReferenced.of(classLoader));
    }
}
