package io.obsagent.instrumentation.concurrent;

import io.obsagent.bridge.Hops;
import net.bytebuddy.asm.Advice;

import java.util.Collection;

/** Inlined into {@code ThreadPoolExecutor.remove(task)}: removes the wrapper the application's task was queued in. */
public final class QueuedTaskAdvice {

    private QueuedTaskAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task,
                             @Advice.FieldValue("workQueue") Collection<Runnable> queue) {
        task = Hops.queued(queue, task);
    }
}
