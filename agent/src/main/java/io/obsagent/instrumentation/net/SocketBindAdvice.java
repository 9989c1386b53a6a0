package io.obsagent.instrumentation.net;

import io.obsagent.bridge.Readiness;
import net.bytebuddy.asm.Advice;

/** Inlined into the JDK's server socket channel {@code bind}: the application listens on a port, or could not. */
public final class SocketBindAdvice {

    private SocketBindAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This Object socket, @Advice.Argument(0) Object address, @Advice.Thrown Throwable failure) {
        if (failure == null) {
            Readiness.socketBound(socket);
        } else {
            Readiness.bindFailed(address);
        }
    }
}
