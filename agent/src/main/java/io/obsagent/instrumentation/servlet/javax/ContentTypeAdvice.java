package io.obsagent.instrumentation.servlet.javax;

import io.obsagent.bridge.Responses;
import net.bytebuddy.asm.Advice;

import javax.servlet.http.HttpServletResponse;

/**
 * Inlined into {@code HttpServletResponse.setContentType} of {@code javax.servlet} when security headers are
 * on: the content security policy belongs on JSON responses only, and the content type is known only when
 * the application sets it.
 */
public final class ContentTypeAdvice {

    private ContentTypeAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This Object self, @Advice.Argument(0) String contentType) {
        String policy = Responses.contentSecurityPolicy(contentType);
        if (policy != null && self instanceof HttpServletResponse) {
            HttpServletResponse response = (HttpServletResponse) self;
            if (!response.isCommitted() && !response.containsHeader("Content-Security-Policy")) {
                response.setHeader("Content-Security-Policy", policy);
            }
        }
    }
}
