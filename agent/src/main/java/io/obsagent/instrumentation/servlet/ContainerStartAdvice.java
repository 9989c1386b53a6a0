package io.obsagent.instrumentation.servlet;

import io.obsagent.bridge.Readiness;
import net.bytebuddy.asm.Advice;

/** Inlined where a servlet container finishes initialising something: a context, a filter, a servlet. */
public final class ContainerStartAdvice {

    private ContainerStartAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit() {
        Readiness.containerStarted();
    }
}
