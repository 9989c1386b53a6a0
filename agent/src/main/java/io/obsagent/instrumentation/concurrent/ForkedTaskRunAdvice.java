package io.obsagent.instrumentation.concurrent;

import io.obsagent.bridge.Hops;
import net.bytebuddy.asm.Advice;

import java.util.concurrent.ForkJoinTask;

/**
 * Inlined into {@code ForkJoinTask.doExec}, where every worker (and a joining thread that helps) runs a task: a
 * task forked in a request runs as that request, and the thread is restored after. {@code doExec} returns an
 * {@code int} up to JDK 17 and nothing since; the advice reads no return value.
 */
public final class ForkedTaskRunAdvice {

    private ForkedTaskRunAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This ForkJoinTask<?> task) {
        return Hops.running(task);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object binding) {
        Hops.ran(binding);
    }
}
