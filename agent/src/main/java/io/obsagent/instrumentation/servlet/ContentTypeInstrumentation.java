package io.obsagent.instrumentation.servlet;

import io.obsagent.instrumentation.Advices;
import io.obsagent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

import java.util.Collections;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * {@code setContentType} of HTTP responses of one servlet namespace, for the JSON-only security header.
 * Installed only when security headers are on: it makes many more classes candidates.
 */
public final class ContentTypeInstrumentation implements TypeInstrumentation {

    private static final String SET_CONTENT_TYPE = "setContentType";

    private final String ns;
    private final String advice;

    private ContentTypeInstrumentation(String namespace, Class<?> advice) {
        this.ns = namespace;
        this.advice = advice.getName();
    }

    public static ContentTypeInstrumentation javax() {
        return new ContentTypeInstrumentation("javax", io.obsagent.instrumentation.servlet.javax.ContentTypeAdvice.class);
    }

    public static ContentTypeInstrumentation jakarta() {
        return new ContentTypeInstrumentation("jakarta", io.obsagent.instrumentation.servlet.jakarta.ContentTypeAdvice.class);
    }

    @Override
    public List<String> classFileMarkers() {
        return Collections.singletonList(ns + "/servlet/http/HttpServletResponse");
    }

    @Override
    public List<String> advisedMethodNames() {
        return Collections.singletonList(SET_CONTENT_TYPE);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, Advices advices) {
        return builder
                .type(not(isInterface()).and(hasSuperType(named(ns + ".servlet.http.HttpServletResponse"))))
                .transform(advices.advise(named(SET_CONTENT_TYPE).and(takesArguments(1))
                                .and(takesArgument(0, String.class)).and(not(isAbstract())),
                        advice));
    }
}
