package io.obsagent.instrumentation.apache;

import io.obsagent.bridge.Hops;
import io.obsagent.bridge.Outgoing;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.HttpRequest;

/**
 * Inlined into Apache HttpClient 5's {@code AsyncProtocolExec.execute}: its request is the client's copy of the
 * application's, as in the classic chain. A redirect is followed on the client's I/O thread, from the callback this
 * step is given: in a request that callback gets a stand-in that runs it as the request, so the redirected call,
 * which comes back through here, gets the headers too (or none, for an excluded host).
 */
public final class Apache5AsyncHeadersAdvice {

    private Apache5AsyncHeadersAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) HttpRequest request, @Advice.Argument(2) AsyncExecChain.Scope scope,
                             @Advice.Argument(value = 4, readOnly = false, typing = Assigner.Typing.DYNAMIC) Object callback) {
        String[] headers = request == scope.originalRequest ? null : Outgoing.headers(scope.route.getTargetHost().getHostName());
        for (int i = 0; headers != null && i < headers.length; i += 2) {
            if (!request.containsHeader(headers[i])) {
                request.addHeader(headers[i], headers[i + 1]);
            }
        }
        callback = Hops.carrying(callback, AsyncExecCallback.class);
    }
}
