package io.obsagent.bridge;

import java.net.HttpURLConnection;
import java.net.URL;
import java.util.concurrent.CompletableFuture;

/**
 * Entry points of the HTTP client advice (agent/SPEC.md §8 "Outgoing HTTP", "Client metrics"): which headers an
 * outgoing call must carry, and the call's outcome for the client metrics.
 */
public final class Outgoing {

    /** Status recorded for a call that got no response (refused, timed out, reset). */
    public static final int NO_RESPONSE = -1;

    /** What the agent does for outgoing calls; registered once the core exists. */
    public interface Hooks {

        /**
         * Header name/value pairs a call to {@code host} must carry (the request ID, the incoming trace context),
         * or {@code null}: outside a request, propagation off, or an excluded host.
         */
        String[] headers(String host);

        /** A call the application made ended: {@code status} is the response's, or {@link #NO_RESPONSE}. */
        void finished(String method, String scheme, String host, int port, int status, long startNanos);

        /**
         * An asynchronous client's exchange callback of interface {@code type}: a stand-in that counts the call
         * once, when the callback hears it completed or failed (see {@code core.client.AsyncExchange}).
         */
        Object exchange(Object callback, Class<?> type, String method, String scheme, String host, int port);

        /** {@code java.net.http}: the application's request with the headers it lacks; {@code request} itself when none. */
        Object jdkRequest(Object request);

        /** {@code java.net.http}: records the call when {@code response} completes. */
        void jdkSent(Object request, CompletableFuture<?> response, long startNanos);
    }

    private static final Hooks NONE = new Hooks() {
        @Override
        public String[] headers(String host) {
            return null;
        }

        @Override
        public void finished(String method, String scheme, String host, int port, int status, long startNanos) {
        }

        @Override
        public Object exchange(Object callback, Class<?> type, String method, String scheme, String host, int port) {
            return callback;
        }

        @Override
        public Object jdkRequest(Object request) {
            return request;
        }

        @Override
        public void jdkSent(Object request, CompletableFuture<?> response, long startNanos) {
        }
    };

    private static volatile Hooks hooks = NONE;

    private Outgoing() {
    }

    public static void register(Outgoing.Hooks outgoing) {
        hooks = outgoing;
    }

    public static String[] headers(String host) {
        return hooks.headers(host);
    }

    public static void finished(String method, String scheme, String host, int port, int status, long startNanos) {
        hooks.finished(method, scheme, host, port, status, startNanos);
    }

    /** Before an {@code HttpURLConnection} connects: the headers the application did not set itself. */
    public static void connecting(HttpURLConnection connection) {
        String[] headers = hooks.headers(connection.getURL().getHost());
        if (headers == null) {
            return;
        }
        for (int i = 0; i < headers.length; i += 2) {
            if (connection.getRequestProperty(headers[i]) == null) {
                connection.setRequestProperty(headers[i], headers[i + 1]);
            }
        }
    }

    /** The first attempt to read an {@code HttpURLConnection}'s response ended with {@code responseCode} (-1: none). */
    public static void responded(HttpURLConnection connection, int responseCode, long startNanos) {
        URL url = connection.getURL();
        hooks.finished(connection.getRequestMethod(), url.getProtocol(), url.getHost(), url.getPort(),
                responseCode > 0 ? responseCode : NO_RESPONSE, startNanos);
    }

    public static Object exchange(Object callback, Class<?> type, String method, String scheme, String host, int port) {
        return hooks.exchange(callback, type, method, scheme, host, port);
    }

    public static Object jdkRequest(Object request) {
        return hooks.jdkRequest(request);
    }

    public static void jdkSent(Object request, CompletableFuture<?> response, long startNanos) {
        hooks.jdkSent(request, response, startNanos);
    }
}
