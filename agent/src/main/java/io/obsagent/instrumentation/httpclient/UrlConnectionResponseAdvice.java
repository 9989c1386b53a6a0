package io.obsagent.instrumentation.httpclient;

import io.obsagent.bridge.Outgoing;
import net.bytebuddy.asm.Advice;

import java.io.InputStream;
import java.net.HttpURLConnection;

/**
 * Inlined into the JDK's {@code HttpURLConnection.getInputStream}, which every way of reading a response goes
 * through ({@code getResponseCode}, {@code getHeaderField}...). Only the first attempt is the call: later ones
 * return the stream or the failure it remembered, so a connection is counted once.
 */
public final class UrlConnectionResponseAdvice {

    private UrlConnectionResponseAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static long enter(@Advice.This HttpURLConnection connection, @Advice.FieldValue("connected") boolean connected,
                             @Advice.FieldValue("inputStream") InputStream answered,
                             @Advice.FieldValue("rememberedException") Exception failed) {
        if (!connected) {
            Outgoing.connecting(connection);
        }
        return answered == null && failed == null ? System.nanoTime() : 0L;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.This HttpURLConnection connection, @Advice.Enter long startNanos,
                            @Advice.FieldValue("responseCode") int responseCode) {
        if (startNanos != 0L) {
            Outgoing.responded(connection, responseCode, startNanos);
        }
    }
}
