package io.obsagent.instrumentation.servlet.javax;

import io.obsagent.bridge.Bridge;
import net.bytebuddy.asm.Advice;

import javax.servlet.http.HttpServletResponse;

/**
 * Inlined into {@code ServletResponse.setContentType}: the content security policy belongs on JSON
 * responses only, and the content type is known only when the application sets it.
 *
 * <p>This is the one hand-written copy: the build generates the {@code jakarta.servlet} twin from it.
 */
public final class ContentTypeAdvice {

    private ContentTypeAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object self, @Advice.Argument(0) String contentType) {
        String policy = Bridge.contentSecurityPolicy(contentType);
        if (policy != null && self instanceof HttpServletResponse) {
            HttpServletResponse response = (HttpServletResponse) self;
            if (!response.isCommitted() && !response.containsHeader("Content-Security-Policy")) {
                response.setHeader("Content-Security-Policy", policy);
            }
        }
    }
}
