package io.obsagent.instrumentation.okhttp;

import io.obsagent.bridge.Outgoing;
import net.bytebuddy.asm.Advice;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Response;

/**
 * Inlined into {@code RealCall.getResponseWithInterceptorChain}, which runs once per call, sync or async, around
 * all its retries and redirects: the application's call is counted once.
 */
public final class CallAdvice {

    private CallAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return System.nanoTime();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Call call, @Advice.Return Response response, @Advice.Enter long startNanos) {
        HttpUrl url = call.request().url();
        Outgoing.finished(call.request().method(), url.scheme(), url.host(), url.port(),
                response == null ? Outgoing.NO_RESPONSE : response.code(), startNanos);
    }
}
