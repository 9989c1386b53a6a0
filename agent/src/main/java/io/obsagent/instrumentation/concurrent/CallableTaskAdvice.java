package io.obsagent.instrumentation.concurrent;

import io.obsagent.bridge.Hops;
import net.bytebuddy.asm.Advice;

import java.util.concurrent.Callable;

/** Inlined where a {@code Callable} is kept privately for a later run: it carries the request. */
public final class CallableTaskAdvice {

    private CallableTaskAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) Callable<?> task) {
        task = Hops.callable(task);
    }
}
