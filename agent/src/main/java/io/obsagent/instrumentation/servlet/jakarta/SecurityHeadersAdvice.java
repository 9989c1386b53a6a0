package io.obsagent.instrumentation.servlet.jakarta;

import io.obsagent.bridge.Responses;
import net.bytebuddy.asm.Advice;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;

/**
 * Inlined beside {@link ServletDispatchAdvice} when {@code security_headers.enabled} is on. Both halves are
 * idempotent, so it needs no notion of the outermost dispatch: on entry it adds each header the response
 * lacks (again after a container cleared them for an error page); on exit, where the application added its
 * own value next to the agent's, the application's value wins.
 */
public final class SecurityHeadersAdvice {

    private SecurityHeadersAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(0) ServletRequest req, @Advice.Argument(1) ServletResponse res) {
        if (req instanceof HttpServletRequest && res instanceof HttpServletResponse && !res.isCommitted()) {
            HttpServletResponse response = (HttpServletResponse) res;
            String[] headers = Responses.securityHeaders(req.isSecure(), ((HttpServletRequest) req).getHeader("X-Forwarded-Proto"));
            for (int i = 0; headers != null && i < headers.length; i += 2) {
                if (!response.containsHeader(headers[i])) {
                    response.setHeader(headers[i], headers[i + 1]);
                }
            }
        }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) ServletRequest req, @Advice.Argument(1) ServletResponse res,
                            @Advice.Thrown Throwable thrown) {
        if (thrown == null && req instanceof HttpServletRequest && res instanceof HttpServletResponse && !res.isCommitted()) {
            HttpServletResponse response = (HttpServletResponse) res;
            String[] headers = Responses.securityHeaders(req.isSecure(), ((HttpServletRequest) req).getHeader("X-Forwarded-Proto"));
            for (int i = 0; headers != null && i < headers.length; i += 2) {
                Collection<String> values = response.getHeaders(headers[i]);
                if (values != null && values.size() > 1) {
                    response.setHeader(headers[i], Responses.applicationHeaderValue(headers[i], values));
                }
            }
        }
    }
}
