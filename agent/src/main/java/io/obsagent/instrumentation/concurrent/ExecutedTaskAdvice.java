package io.obsagent.instrumentation.concurrent;

import io.obsagent.bridge.Hops;
import net.bytebuddy.asm.Advice;

/** Inlined into executor methods taking a {@code Runnable} the application may hold: see {@link Hops#executed}. */
public final class ExecutedTaskAdvice {

    private ExecutedTaskAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
        task = Hops.executed(task);
    }
}
