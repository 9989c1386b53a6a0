package io.obsagent.instrumentation.undertow;

import io.obsagent.bridge.Responses;
import net.bytebuddy.asm.Advice;

/** Inlined where a container starts rendering an error page on a response whose headers it has just cleared. */
public final class ErrorPageAdvice {

    private ErrorPageAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Origin Class<?> container) throws Exception {
        Responses.errorPageRendering(container);
    }
}
