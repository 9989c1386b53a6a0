package io.obsagent.instrumentation.undertow;

import io.obsagent.instrumentation.Advices;
import io.obsagent.instrumentation.TypeAndMethod;
import io.obsagent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

import java.util.Arrays;
import java.util.List;

import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * Error pages a container renders itself after clearing every response header, with no ERROR dispatch on
 * which the dispatch advice could set the request ID again. Undertow does this when an exception escapes and
 * no error page is mapped: it resets the response, clears its headers, and writes its debug page (for a local
 * client) or its plain error page. Listed by name, like {@link ContainerStartInstrumentation}.
 */
public final class ErrorPageInstrumentation implements TypeInstrumentation {

    private static final String[] ERROR_RENDERERS = {
            "io.undertow.servlet.handlers.ServletDebugPageHandler#handleRequest",
            "io.undertow.servlet.spec.HttpServletResponseImpl#doErrorDispatch",
    };

    @Override
    public List<String> typeNames() {
        return TypeAndMethod.types(ERROR_RENDERERS);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, Advices advices) {
        AgentBuilder b = builder;
        for (String renderer : ERROR_RENDERERS) {
            String[] typeAndMethod = renderer.split("#");
            b = b.type(named(typeAndMethod[0]))
                    .transform(advices.advise(named(typeAndMethod[1]), ErrorPageAdvice.class.getName()));
        }
        return b;
    }
}
