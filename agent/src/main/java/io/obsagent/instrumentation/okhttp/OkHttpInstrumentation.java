package io.obsagent.instrumentation.okhttp;

import io.obsagent.instrumentation.Advices;
import io.obsagent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * OkHttp 3 and 4 (agent/SPEC.md §8), and so Retrofit. The call's class moved in 4.x ({@code okhttp3.RealCall} to
 * {@code okhttp3.internal.connection.RealCall}) and Kotlin names its internal method
 * {@code getResponseWithInterceptorChain$okhttp}; the client's {@code newCall} stayed.
 */
public final class OkHttpInstrumentation implements TypeInstrumentation {

    private static final String CLIENT = "okhttp3.OkHttpClient";
    private static final String REAL_CALL_3 = "okhttp3.RealCall";
    private static final String REAL_CALL_4 = "okhttp3.internal.connection.RealCall";

    @Override
    public List<String> typeNames() {
        return Arrays.asList(CLIENT, REAL_CALL_3, REAL_CALL_4);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, Advices advices) {
        return builder
                .type(named(CLIENT))
                .transform(advices.advise(named("newCall").and(takesArguments(1)), NewCallAdvice.class.getName()))
                .type(namedOneOf(REAL_CALL_3, REAL_CALL_4))
                .transform(advices.advise(nameStartsWith("getResponseWithInterceptorChain").and(takesArguments(0)),
                        CallAdvice.class.getName()));
    }
}
