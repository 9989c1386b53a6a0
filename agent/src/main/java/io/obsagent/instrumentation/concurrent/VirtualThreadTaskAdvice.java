package io.obsagent.instrumentation.concurrent;

import io.obsagent.bridge.Hops;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ThreadBuilders.newVirtualThread} (JDK 21+), whose fourth argument is the thread's task. */
public final class VirtualThreadTaskAdvice {

    private VirtualThreadTaskAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 3, readOnly = false) Runnable task) {
        task = Hops.runnable(task);
    }
}
