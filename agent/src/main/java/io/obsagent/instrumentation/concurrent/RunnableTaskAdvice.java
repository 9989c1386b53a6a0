package io.obsagent.instrumentation.concurrent;

import io.obsagent.bridge.Hops;
import net.bytebuddy.asm.Advice;

/** Inlined where a {@code Runnable} is kept privately for a later run ({@code FutureTask}'s constructor): it carries the request. */
public final class RunnableTaskAdvice {

    private RunnableTaskAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
        task = Hops.runnable(task);
    }
}
