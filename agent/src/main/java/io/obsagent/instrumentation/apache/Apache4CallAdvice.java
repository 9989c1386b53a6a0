package io.obsagent.instrumentation.apache;

import io.obsagent.bridge.Outgoing;
import net.bytebuddy.asm.Advice;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.methods.CloseableHttpResponse;

/** Inlined into Apache HttpClient 4's {@code doExecute}, which every {@code execute} of the client reaches once per call. */
public final class Apache4CallAdvice {

    private Apache4CallAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter() {
        return System.nanoTime();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) HttpHost target, @Advice.Argument(1) HttpRequest request,
                            @Advice.Return CloseableHttpResponse response, @Advice.Enter long startNanos) {
        if (target != null) {
            Outgoing.finished(request.getRequestLine().getMethod(), target.getSchemeName(), target.getHostName(),
                    target.getPort(), response == null ? Outgoing.NO_RESPONSE : response.getStatusLine().getStatusCode(),
                    startNanos);
        }
    }
}
