package io.obsagent.instrumentation.concurrent;

import io.obsagent.bridge.Hops;
import net.bytebuddy.asm.Advice;

import java.util.concurrent.ForkJoinTask;

/** Inlined into {@code ForkJoinPool.invoke/submit/execute(ForkJoinTask)}: see {@link Hops#forked}. */
public final class ForkedTaskAdvice {

    private ForkedTaskAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) ForkJoinTask<?> task) {
        Hops.forked(task);
    }
}
