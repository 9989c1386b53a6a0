package io.obsagent.instrumentation.httpclient;

import io.obsagent.bridge.Outgoing;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.util.concurrent.CompletableFuture;

/**
 * Inlined into {@code jdk.internal.net.http.HttpClientImpl}'s one {@code sendAsync} that {@code send} and every
 * {@code sendAsync} reach: the request is replaced by a copy with the headers it lacks (requests are immutable),
 * and the call is recorded when its response completes. Typed {@code Object}: the agent compiles for Java 8.
 */
public final class JdkSendAdvice {

    private JdkSendAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object request) {
        request = Outgoing.jdkRequest(request);
        return System.nanoTime();
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) Object request, @Advice.Return CompletableFuture<?> response,
                            @Advice.Enter long startNanos) {
        Outgoing.jdkSent(request, response, startNanos);
    }
}
