package io.obsagent.instrumentation.apache;

import io.obsagent.bridge.Outgoing;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;

/**
 * Inlined into Apache HttpClient 5's async {@code executeImmediate}, which {@code doExecute} calls once per call,
 * above its redirects and retries: the callback at the top of the execution chain is handed a stand-in that counts
 * the call when it completes or fails. The callback is the last argument (the fourth before 5.2, the fifth since).
 */
public final class Apache5AsyncCallAdvice {

    private Apache5AsyncCallAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) HttpRequest request, @Advice.Argument(2) AsyncExecChain.Scope scope,
                             @Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object[] arguments) {
        HttpHost target = scope.route.getTargetHost();
        Object[] replaced = arguments.clone();
        int last = replaced.length - 1;
        replaced[last] = Outgoing.exchange(replaced[last], AsyncExecCallback.class, request.getMethod(),
                target.getSchemeName(), target.getHostName(), target.getPort());
        arguments = replaced;
    }
}
