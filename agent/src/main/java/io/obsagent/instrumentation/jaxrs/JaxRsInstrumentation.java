package io.obsagent.instrumentation.jaxrs;

import io.obsagent.instrumentation.Advices;
import io.obsagent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.constant.TextConstant;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * JAX-RS resource methods (javax.ws.rs and jakarta.ws.rs, any implementation): the route template is
 * computed from the {@code @Path} annotations while the class is instrumented and inlined as a constant,
 * so naming the route costs one call per request. Annotations inherited from an interface or superclass
 * count (see {@link ResourceMethods}).
 */
public final class JaxRsInstrumentation implements TypeInstrumentation {

    private static final List<String> PATH_MARKERS = Arrays.asList("Ljavax/ws/rs/Path;", "Ljakarta/ws/rs/Path;");

    @Override
    public List<String> classFileMarkers() {
        return PATH_MARKERS;
    }

    /** A class implementing an annotated interface (or extending an annotated class) names none of its annotations. */
    @Override
    public List<String> inheritedMarkers() {
        return PATH_MARKERS;
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, Advices advices) {
        Advice.WithCustomMapping mapping = Advice.withCustomMapping().bind(RouteTemplate.class,
                (Advice.OffsetMapping) (instrumentedType, instrumentedMethod, assigner, argumentHandler, sort) ->
                        new Advice.OffsetMapping.Target.ForStackManipulation(
                                new TextConstant(template(instrumentedType, instrumentedMethod))));
        return builder
                .type(not(isInterface()).and(hasSuperType(isAnnotatedWith(namedOneOf(ResourceMethods.PATH)))))
                .transform(advices.advise(mapping, ResourceMethods.matcher(), JaxRsRouteAdvice.class.getName()));
    }

    static String template(TypeDescription type, MethodDescription method) {
        MethodDescription designation = ResourceMethods.designation(type, method);
        if (designation == null) {
            designation = method;
        }
        return PathTemplates.join(PathTemplates.pathValue(ResourceMethods.classAnnotations(type, designation), ResourceMethods.PATH),
                PathTemplates.pathValue(designation.getDeclaredAnnotations(), ResourceMethods.PATH));
    }
}
