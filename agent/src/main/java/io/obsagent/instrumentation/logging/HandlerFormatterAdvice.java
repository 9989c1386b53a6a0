package io.obsagent.instrumentation.logging;

import io.obsagent.bridge.AppLogs;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

import java.util.logging.Formatter;

/**
 * Inlined into {@code java.util.logging.Handler.setFormatter}, which every handler's constructor calls with the
 * formatter its configuration names (Tomcat's logging.properties, the JDK's) and the application may call later:
 * a console handler is given the agent's formatter, wrapping the one set.
 */
public final class HandlerFormatterAdvice {

    private HandlerFormatterAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This Object handler,
                             @Advice.Argument(value = 0, readOnly = false, typing = Assigner.Typing.DYNAMIC) Formatter formatter) {
        formatter = (Formatter) AppLogs.consoleFormatter(handler, formatter);
    }
}
