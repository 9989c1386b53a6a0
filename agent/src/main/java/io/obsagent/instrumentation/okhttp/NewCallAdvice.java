package io.obsagent.instrumentation.okhttp;

import io.obsagent.bridge.Outgoing;
import net.bytebuddy.asm.Advice;
import okhttp3.Request;

/**
 * Inlined into {@code OkHttpClient.newCall}, on the application's thread: a request is immutable, so the call is
 * made with a copy that has the headers the application did not set (interceptors, retries and redirects see them).
 */
public final class NewCallAdvice {

    private NewCallAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) Request request) {
        String[] headers = Outgoing.headers(request.url().host());
        Request.Builder copy = null;
        for (int i = 0; headers != null && i < headers.length; i += 2) {
            if (request.header(headers[i]) == null) {
                copy = copy == null ? request.newBuilder() : copy;
                copy.header(headers[i], headers[i + 1]);
            }
        }
        if (copy != null) {
            request = copy.build();
        }
    }
}
