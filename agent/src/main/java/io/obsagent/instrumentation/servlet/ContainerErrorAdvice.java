package io.obsagent.instrumentation.servlet;

import io.obsagent.bridge.Bridge;
import net.bytebuddy.asm.Advice;

/** Inlined where a container starts rendering an error page on a response whose headers it has just cleared. */
public final class ContainerErrorAdvice {

    private ContainerErrorAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Origin Class<?> container) {
        Bridge.containerRendersError(container);
    }
}
