package io.obsagent.instrumentation.apache;

import io.obsagent.bridge.Outgoing;
import net.bytebuddy.asm.Advice;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.core5.http.ClassicHttpRequest;

/**
 * Inlined into Apache HttpClient 5's classic {@code ProtocolExec.execute}: its request is the client's copy of the
 * application's ({@code scope.originalRequest}), so the application's request object is never changed.
 */
public final class Apache5HeadersAdvice {

    private Apache5HeadersAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) ClassicHttpRequest request, @Advice.Argument(1) ExecChain.Scope scope) {
        String[] headers = request == scope.originalRequest ? null : Outgoing.headers(scope.route.getTargetHost().getHostName());
        for (int i = 0; headers != null && i < headers.length; i += 2) {
            if (!request.containsHeader(headers[i])) {
                request.addHeader(headers[i], headers[i + 1]);
            }
        }
    }
}
