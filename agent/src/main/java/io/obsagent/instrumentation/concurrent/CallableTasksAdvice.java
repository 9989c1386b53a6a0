package io.obsagent.instrumentation.concurrent;

import io.obsagent.bridge.Hops;
import net.bytebuddy.asm.Advice;

import java.util.Collection;
import java.util.concurrent.Callable;

/** Inlined into {@code ForkJoinPool.invokeAll/invokeAny}: see {@link Hops#callables}. */
public final class CallableTasksAdvice {

    private CallableTasksAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static <T> void enter(@Advice.Argument(value = 0, readOnly = false) Collection<? extends Callable<T>> tasks) {
        tasks = Hops.callables(tasks);
    }
}
