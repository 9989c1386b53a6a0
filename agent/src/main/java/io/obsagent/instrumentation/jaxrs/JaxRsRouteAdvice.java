package io.obsagent.instrumentation.jaxrs;

import io.obsagent.bridge.Requests;
import net.bytebuddy.asm.Advice;

/** Inlined into JAX-RS resource methods: names the request's route. The template is a constant in the bytecode. */
public final class JaxRsRouteAdvice {

    private JaxRsRouteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@RouteTemplate String template) {
        Requests.routeTemplate(template);
    }
}
