package io.obsagent.instrumentation.jbossmodules;

import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code org.jboss.modules.Module#loadModuleClass(String, boolean)}: a bridge class is the boot
 * loader's, for every module. Other names take the module's own path untouched.
 */
public final class BridgeLookupAdvice {

    /** The bridge package as a class-name prefix; a compile-time constant, so the inlined code carries it. */
    static final String BRIDGE_PREFIX = "io.obsagent.bridge.";

    private BridgeLookupAdvice() {
    }

    @Advice.OnMethodEnter(skipOn = Advice.OnNonDefaultValue.class, suppress = Throwable.class)
    public static Class<?> enter(@Advice.Argument(0) String className) throws ClassNotFoundException {
        return className.startsWith(BRIDGE_PREFIX) ? Class.forName(className, false, null) : null;
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Enter Class<?> bridgeClass, @Advice.Return(readOnly = false) Class<?> found) {
        if (bridgeClass != null) {
            found = bridgeClass;
        }
    }
}
