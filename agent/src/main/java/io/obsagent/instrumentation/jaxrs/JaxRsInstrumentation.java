package io.obsagent.instrumentation.jaxrs;

import io.obsagent.instrumentation.Advices;
import io.obsagent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.constant.TextConstant;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * JAX-RS resource methods (javax.ws.rs and jakarta.ws.rs, any implementation): the route template is
 * computed from the {@code @Path} annotations while the class is instrumented and inlined as a constant,
 * so naming the route costs one call per request.
 */
public final class JaxRsInstrumentation implements TypeInstrumentation {

    private static final String[] PATH = {"javax.ws.rs.Path", "jakarta.ws.rs.Path"};
    private static final String[] HTTP_METHOD = {"javax.ws.rs.HttpMethod", "jakarta.ws.rs.HttpMethod"};

    @Override
    public List<String> classFileMarkers() {
        return Arrays.asList("Ljavax/ws/rs/Path;", "Ljakarta/ws/rs/Path;");
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, Advices advices) {
        ElementMatcher.Junction<MethodDescription> resourceMethod =
                isAnnotatedWith(isAnnotatedWith(namedOneOf(HTTP_METHOD)));
        Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(RouteTemplate.class,
                (Advice.OffsetMapping) (instrumentedType, instrumentedMethod, assigner, argumentHandler, sort) ->
                        new Advice.OffsetMapping.Target.ForStackManipulation(
                                new TextConstant(template(instrumentedType, instrumentedMethod))));
        return builder
                .type(not(isInterface()).and(isAnnotatedWith(namedOneOf(PATH))))
                .transform(advices.advise(mapping, resourceMethod, JaxRsRouteAdvice.class.getName()));
    }

    static String template(TypeDescription type, MethodDescription method) {
        return PathTemplates.join(PathTemplates.pathValue(type.getDeclaredAnnotations(), PATH),
                PathTemplates.pathValue(method.getDeclaredAnnotations(), PATH));
    }
}
