package io.obsagent.instrumentation.apache;

import io.obsagent.bridge.Outgoing;
import net.bytebuddy.asm.Advice;
import org.apache.http.client.methods.HttpRequestWrapper;
import org.apache.http.conn.routing.HttpRoute;

/**
 * Inlined into Apache HttpClient 4's {@code ProtocolExec.execute}: its request is the client's per-execution copy
 * of the application's, so the application's own request object (which it may reuse) is never changed.
 */
public final class Apache4HeadersAdvice {

    private Apache4HeadersAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) HttpRoute route, @Advice.Argument(1) HttpRequestWrapper request) {
        String[] headers = Outgoing.headers(route.getTargetHost().getHostName());
        for (int i = 0; headers != null && i < headers.length; i += 2) {
            if (!request.containsHeader(headers[i])) {
                request.addHeader(headers[i], headers[i + 1]);
            }
        }
    }
}
