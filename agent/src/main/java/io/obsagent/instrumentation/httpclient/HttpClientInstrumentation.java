package io.obsagent.instrumentation.httpclient;

import io.obsagent.instrumentation.Advices;
import io.obsagent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The JDK's HTTP clients (agent/SPEC.md §8): {@code HttpURLConnection}'s implementation (HTTPS delegates to a
 * subclass of it, so it is covered too) and {@code java.net.http}'s client. Libraries built on them (Spring's
 * {@code RestTemplate} default, Feign's default, {@code RestClient} over the JDK client) are seen here once.
 */
public final class HttpClientInstrumentation implements TypeInstrumentation {

    static final String URL_CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";
    static final String JDK_CLIENT = "jdk.internal.net.http.HttpClientImpl";

    public static final String[] TYPES = {URL_CONNECTION, JDK_CLIENT};

    @Override
    public List<String> typeNames() {
        return Arrays.asList(TYPES);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, Advices advices) {
        return builder
                .type(named(URL_CONNECTION))
                .transform(advices.advise(namedOneOf("connect", "getOutputStream").and(takesArguments(0)),
                        UrlConnectionConnectAdvice.class.getName()))
                .transform(advices.advise(named("getInputStream").and(takesArguments(0)),
                        UrlConnectionResponseAdvice.class.getName()))
                .type(named(JDK_CLIENT))
                .transform(advices.advise(named("sendAsync").and(takesArguments(4)), JdkSendAdvice.class.getName()));
    }
}
