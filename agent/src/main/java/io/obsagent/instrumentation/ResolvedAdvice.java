package io.obsagent.instrumentation;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;

/**
 * One advice applied to the methods it matches. Byte Buddy's own advice transformer resolves the advice for every
 * class it transforms: a new type pool each time, which parses the advice class and reads its class file from the
 * agent jar again (measured: 40 % of the transformation time at start-up). Here the advice is resolved once per
 * class loader while the application starts, and per class after {@link #stopSharing}, as before: a resolved advice
 * refers to its loader's types, and must not keep an undeployed application's loader alive.
 */
final class ResolvedAdvice implements AgentBuilder.Transformer {

    private static final Object BOOTSTRAP = new Object();

    private final Advice.WithCustomMapping mapping;
    private final String adviceClass;
    private final Advice.ExceptionHandler exceptionHandler;
    private final ElementMatcher<? super MethodDescription> methods;
    private final ClassFileLocator agentClassFiles;
    private final AgentBuilder.LocationStrategy location;
    private final AgentBuilder.PoolStrategy typePools;
    /** By class loader; {@code null} once start-up is over. */
    private Map<Object, Advice> byLoader = new HashMap<Object, Advice>();

    ResolvedAdvice(Advice.WithCustomMapping mapping, String adviceClass, Advice.ExceptionHandler exceptionHandler,
                   ElementMatcher<? super MethodDescription> methods, ClassLoader agentLoader,
                   AgentBuilder.LocationStrategy location, AgentBuilder.PoolStrategy typePools) {
        this.mapping = mapping;
        this.adviceClass = adviceClass;
        this.exceptionHandler = exceptionHandler;
        this.methods = methods;
        this.agentClassFiles = ClassFileLocator.ForClassLoader.of(agentLoader);
        this.location = location;
        this.typePools = typePools;
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type, ClassLoader loader,
                                            JavaModule module, ProtectionDomain protectionDomain) {
        return builder.visit(advice(loader, module).on(methods));
    }

    private Advice advice(ClassLoader loader, JavaModule module) {
        Object key = loader == null ? BOOTSTRAP : loader;
        synchronized (this) {
            Advice advice = byLoader == null ? null : byLoader.get(key);
            if (advice != null) {
                return advice;
            }
        }
        // Resolved without the lock: two threads may both resolve it, neither waits on a class load of the other's.
        Advice advice = resolve(loader, module);
        synchronized (this) {
            if (byLoader != null && !byLoader.containsKey(key)) {
                byLoader.put(key, advice);
            }
        }
        return advice;
    }

    /** As Byte Buddy resolves it: the advice's class file from the agent, the types it names through {@code loader}. */
    private Advice resolve(ClassLoader loader, JavaModule module) {
        ClassFileLocator classFiles = new ClassFileLocator.Compound(agentClassFiles, location.classFileLocator(loader, module));
        return mapping.to(typePools.typePool(classFiles, loader).describe(adviceClass).resolve(), classFiles)
                .withExceptionHandler(exceptionHandler);
    }

    synchronized void stopSharing() {
        byLoader = null;
    }
}
