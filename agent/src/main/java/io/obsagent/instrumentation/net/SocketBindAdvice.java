package io.obsagent.instrumentation.net;

import io.obsagent.bridge.Readiness;
import net.bytebuddy.asm.Advice;

/** Inlined into the JDK's server socket {@code bind}: the application is listening on a port. */
public final class SocketBindAdvice {

    private SocketBindAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object socket) {
        Readiness.socketBound(socket);
    }
}
