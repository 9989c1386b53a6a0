package io.obsagent.instrumentation.servlet;

import io.obsagent.instrumentation.Advices;
import io.obsagent.instrumentation.TypeAndMethod;
import io.obsagent.instrumentation.TypeInstrumentation;
import io.obsagent.instrumentation.UnmappedOnly;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.ArrayList;
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
 * get the request advice (and the security-header advice when that feature is on), their {@code init} methods
 * tell readiness that the container is starting. A container's own entry point gets the request advice too,
 * for the requests it answers without any dispatch.
 */
public final class ServletInstrumentation implements TypeInstrumentation {

    /**
     * Where a container takes a request that it may answer itself, without dispatching to any filter or servlet,
     * because no servlet is mapped to its path: Tomcat has no default servlet unless the application maps one
     * (embedded Tomcat with {@code addContext}), and then answers a 404 from its context valve.
     */
    private static final String[] UNMAPPED_REQUEST_ENTRIES = {
            "org.apache.catalina.core.StandardContextValve#invoke",
    };

    /** Where Tomcat answers a request that no context maps (see ContainerAnswerAdvice). */
    private static final String CONTAINER_ANSWER = "org.apache.catalina.core.StandardHostValve#invoke";

    private static final String SERVICE = "service";
    private static final String DO_FILTER = "doFilter";
    private static final String INIT = "init";

    private final String ns;
    private final String dispatchAdvice;
    private final String containerAnswerAdvice;
    private final String securityHeadersAdvice;

    private ServletInstrumentation(String namespace, Class<?> dispatchAdvice, Class<?> containerAnswerAdvice,
                                   Class<?> securityHeadersAdvice) {
        this.ns = namespace;
        this.dispatchAdvice = dispatchAdvice.getName();
        this.containerAnswerAdvice = containerAnswerAdvice.getName();
        this.securityHeadersAdvice = securityHeadersAdvice == null ? null : securityHeadersAdvice.getName();
    }

    /** Naming the advice classes loads them into the agent's loader without linking them: no servlet API is needed there. */
    public static ServletInstrumentation javax(boolean securityHeaders) {
        return new ServletInstrumentation("javax", io.obsagent.instrumentation.servlet.javax.ServletDispatchAdvice.class,
                io.obsagent.instrumentation.servlet.javax.ContainerAnswerAdvice.class,
                securityHeaders ? io.obsagent.instrumentation.servlet.javax.SecurityHeadersAdvice.class : null);
    }

    public static ServletInstrumentation jakarta(boolean securityHeaders) {
        return new ServletInstrumentation("jakarta", io.obsagent.instrumentation.servlet.jakarta.ServletDispatchAdvice.class,
                io.obsagent.instrumentation.servlet.jakarta.ContainerAnswerAdvice.class,
                securityHeaders ? io.obsagent.instrumentation.servlet.jakarta.SecurityHeadersAdvice.class : null);
    }

    @Override
    public List<String> typeNames() {
        List<String> names = TypeAndMethod.types(UNMAPPED_REQUEST_ENTRIES);
        names.addAll(TypeAndMethod.types(CONTAINER_ANSWER));
        return names;
    }

    /** The descriptors of the methods advised: a servlet's {@code service}, a filter's {@code doFilter}, their {@code init}. */
    @Override
    public List<String> classFileMarkers() {
        String api = ns + "/servlet/";
        return Arrays.asList("L" + api + "ServletRequest;L" + api + "ServletResponse;", "L" + api + "FilterConfig;)V",
                "L" + api + "ServletConfig;)V");
    }

    /** The markers name the request types, which every class that passes a request on names too. */
    @Override
    public List<String> advisedMethodNames() {
        return Arrays.asList(SERVICE, DO_FILTER, INIT);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, Advices advices) {
        String api = ns + ".servlet.";
        ElementMatcher.Junction<MethodDescription> dispatch = not(isAbstract()).and(
                named(SERVICE).and(takesArguments(2))
                        .or(named(DO_FILTER).and(takesArguments(3)).and(takesArgument(2, named(api + "FilterChain")))))
                .and(takesArgument(0, named(api + "ServletRequest")))
                .and(takesArgument(1, named(api + "ServletResponse")));
        AgentBuilder.Identified.Narrowable servletsAndFilters = builder
                .type(not(isInterface()).and(hasSuperType(named(api + "Servlet").or(named(api + "Filter")))));
        AgentBuilder.Identified.Extendable b = servletsAndFilters
                .transform(advices.advise(unmappedOnly(false), dispatch, dispatchAdvice))
                .transform(advices.advise(not(isAbstract()).and(named(INIT)).and(returns(void.class)).and(
                        takesArguments(1)).and(takesArgument(0, named(api + "FilterConfig").or(named(api + "ServletConfig")))),
                        ContainerStartAdvice.class.getName()));
        if (securityHeadersAdvice != null) {
            b = b.transform(advices.advise(dispatch, securityHeadersAdvice));
        }
        AgentBuilder all = b;
        for (String entry : UNMAPPED_REQUEST_ENTRIES) {
            String[] typeAndMethod = entry.split("#");
            all = all.type(named(typeAndMethod[0]))
                    .transform(advices.advise(unmappedOnly(true), named(typeAndMethod[1]).and(takesArguments(2))
                                    .and(takesArgument(0, hasSuperType(named(api + "ServletRequest"))))
                                    .and(takesArgument(1, hasSuperType(named(api + "ServletResponse")))),
                            dispatchAdvice));
        }
        String[] answer = CONTAINER_ANSWER.split("#");
        return all.type(named(answer[0]))
                .transform(advices.advise(named(answer[1]).and(takesArguments(2))
                        .and(takesArgument(0, hasSuperType(named(api + "http.HttpServletRequest"))))
                        .and(takesArgument(1, hasSuperType(named(api + "http.HttpServletResponse")))), containerAnswerAdvice));
    }

    private static Advice.WithCustomMapping unmappedOnly(boolean value) {
        return Advice.withCustomMapping().bind(UnmappedOnly.class, value);
    }
}
