package io.obsagent.instrumentation.apache;

import io.obsagent.bridge.Outgoing;
import net.bytebuddy.asm.Advice;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;

/** Inlined into Apache HttpClient 5's classic {@code doExecute}, which every {@code execute} reaches once per call. */
public final class Apache5CallAdvice {

    private Apache5CallAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return System.nanoTime();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) HttpHost target, @Advice.Argument(1) ClassicHttpRequest request,
                            @Advice.Return ClassicHttpResponse response, @Advice.Enter long startNanos) {
        if (target != null) {
            Outgoing.finished(request.getMethod(), target.getSchemeName(), target.getHostName(), target.getPort(),
                    response == null ? Outgoing.NO_RESPONSE : response.getCode(), startNanos);
        }
    }
}
