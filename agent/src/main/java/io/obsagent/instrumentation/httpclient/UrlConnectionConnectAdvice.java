package io.obsagent.instrumentation.httpclient;

import io.obsagent.bridge.Outgoing;
import net.bytebuddy.asm.Advice;

import java.net.HttpURLConnection;

/** Inlined into the JDK's {@code HttpURLConnection.connect/getOutputStream}: headers go on before the request is written. */
public final class UrlConnectionConnectAdvice {

    private UrlConnectionConnectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This HttpURLConnection connection, @Advice.FieldValue("connected") boolean connected) {
        if (!connected) {
            Outgoing.connecting(connection);
        }
    }
}
