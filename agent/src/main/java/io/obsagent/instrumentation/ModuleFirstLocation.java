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
 */
final class ModuleFirstLocation implements AgentBuilder.LocationStrategy {

    private final ClassFileLocator jdk = jdkClassFiles();

    @Override
    public ClassFileLocator classFileLocator(ClassLoader classLoader, JavaModule module) {
        return new ClassFileLocator.Compound(jdk, ClassFileLocator.ForClassLoader.of(classLoader));
    }

    private static ClassFileLocator jdkClassFiles() {
        try {
            return ClassFileLocator.ForModule.ofBootLayer();
        } catch (RuntimeException java8) {
            return ClassFileLocator.NoOp.INSTANCE;
        }
    }
}
