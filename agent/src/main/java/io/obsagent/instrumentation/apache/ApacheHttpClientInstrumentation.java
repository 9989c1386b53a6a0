package io.obsagent.instrumentation.apache;

import io.obsagent.instrumentation.Advices;
import io.obsagent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Apache HttpClient 4.x and 5.x, classic and async (agent/SPEC.md §8). Headers go on in the protocol step of the
 * execution chain, which works on the client's copy of the request and runs again for a redirect's new request; the
 * call is counted where the client's {@code execute} methods meet, once however often the chain retries or
 * redirects: the classic client's {@code doExecute}, the async client's {@code executeImmediate}, whose chain reports
 * the outcome to a callback (counted when that callback hears it). The async client built by
 * {@code HttpAsyncClients.createMinimal} has no execution chain and is not instrumented.
 */
public final class ApacheHttpClientInstrumentation implements TypeInstrumentation {

    private static final String V4 = "org.apache.http.impl.";
    private static final String V5 = "org.apache.hc.client5.http.impl.classic.";
    private static final String V5_ASYNC = "org.apache.hc.client5.http.impl.async.";

    private static final String[] V4_CLIENTS = {V4 + "client.InternalHttpClient", V4 + "client.MinimalHttpClient"};
    private static final String[] V5_CLIENTS = {V5 + "InternalHttpClient", V5 + "MinimalHttpClient"};

    @Override
    public List<String> typeNames() {
        return Arrays.asList(V4 + "execchain.ProtocolExec", V4_CLIENTS[0], V4_CLIENTS[1], V5 + "ProtocolExec", V5_CLIENTS[0],
                V5_CLIENTS[1], V5_ASYNC + "AsyncProtocolExec", V5_ASYNC + "InternalAbstractHttpAsyncClient");
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, Advices advices) {
        return builder
                .type(named(V4 + "execchain.ProtocolExec"))
                .transform(advices.advise(named("execute").and(takesArguments(4)), Apache4HeadersAdvice.class.getName()))
                .type(namedOneOf(V4_CLIENTS))
                .transform(advices.advise(named("doExecute").and(takesArguments(3)), Apache4CallAdvice.class.getName()))
                .type(named(V5 + "ProtocolExec"))
                .transform(advices.advise(named("execute").and(takesArguments(3)), Apache5HeadersAdvice.class.getName()))
                .type(namedOneOf(V5_CLIENTS))
                .transform(advices.advise(named("doExecute").and(takesArguments(3)), Apache5CallAdvice.class.getName()))
                .type(named(V5_ASYNC + "AsyncProtocolExec"))
                .transform(advices.advise(named("execute").and(takesArguments(5)), Apache5AsyncHeadersAdvice.class.getName()))
                .type(named(V5_ASYNC + "InternalAbstractHttpAsyncClient"))
                .transform(advices.advise(named("doExecute").and(takesArguments(6)), Apache5AsyncCallbackAdvice.class.getName()))
                .transform(advices.advise(named("executeImmediate"), Apache5AsyncCallAdvice.class.getName()));
    }
}
