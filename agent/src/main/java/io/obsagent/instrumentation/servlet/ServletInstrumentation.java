package io.obsagent.instrumentation.servlet;

import io.obsagent.instrumentation.Advices;
import io.obsagent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * Servlets and filters of one servlet namespace ({@code javax} or {@code jakarta}): their dispatch methods
 * get the request advice, their {@code init} methods tell readiness that the container is starting.
 */
public final class ServletInstrumentation implements TypeInstrumentation {

    private final String ns;

    private ServletInstrumentation(String namespace) {
        this.ns = namespace;
    }

    public static ServletInstrumentation javax() {
        return new ServletInstrumentation("javax");
    }

    public static ServletInstrumentation jakarta() {
        return new ServletInstrumentation("jakarta");
    }

    @Override
    public List<String> classFileMarkers() {
        String api = ns + "/servlet/";
        return Arrays.asList("L" + api + "ServletRequest;L" + api + "ServletResponse;", "L" + api + "FilterConfig;)V",
                "L" + api + "ServletConfig;)V");
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, Advices advices) {
        String api = ns + ".servlet.";
        return builder
                .type(not(isInterface()).and(hasSuperType(named(api + "Servlet").or(named(api + "Filter")))))
                .transform(advices.advise(not(isAbstract()).and(
                        named("service").and(takesArguments(2))
                                .or(named("doFilter").and(takesArguments(3)).and(takesArgument(2, named(api + "FilterChain")))))
                        .and(takesArgument(0, named(api + "ServletRequest")))
                        .and(takesArgument(1, named(api + "ServletResponse"))),
                        "io.obsagent.instrumentation.servlet." + ns + ".ServletDispatchAdvice"))
                .transform(advices.advise(not(isAbstract()).and(named("init")).and(returns(void.class)).and(
                        takesArguments(1)).and(takesArgument(0, named(api + "FilterConfig").or(named(api + "ServletConfig")))),
                        ContainerStartAdvice.class.getName()));
    }
}
