package io.obsagent.instrumentation.apache;

import io.obsagent.bridge.Hops;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.apache.hc.core5.concurrent.FutureCallback;

/**
 * Inlined into Apache HttpClient 5's async {@code doExecute}, on the application's thread: its callback runs on the
 * client's I/O thread, so in a request it is handed a stand-in that runs it as that request (its log lines carry the
 * ID). The application never sees the callback again, so the stand-in is not observable.
 */
public final class Apache5AsyncCallbackAdvice {

    private Apache5AsyncCallbackAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 5, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object callback) {
        callback = Hops.carrying(callback, FutureCallback.class);
    }
}
