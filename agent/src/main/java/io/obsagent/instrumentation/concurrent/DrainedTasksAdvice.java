package io.obsagent.instrumentation.concurrent;

import io.obsagent.bridge.Hops;
import net.bytebuddy.asm.Advice;

import java.util.List;

/** Inlined into {@code ThreadPoolExecutor.shutdownNow()}: the tasks never run are the application's own again. */
public final class DrainedTasksAdvice {

    private DrainedTasksAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return List<Runnable> drained) {
        Hops.unwrap(drained);
    }
}
