package io.obsagent.instrumentation.concurrent;

import io.obsagent.bridge.Hops;
import net.bytebuddy.asm.Advice;

import java.util.concurrent.ForkJoinTask;

/** Inlined into {@code ForkJoinTask.fork()} (so every parallel stream's subtasks): see {@link Hops#forked}. */
public final class ForkAdvice {

    private ForkAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This ForkJoinTask<?> task) {
        Hops.forked(task);
    }
}
