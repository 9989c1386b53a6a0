package io.obsagent.instrumentation.servlet.javax;

import io.obsagent.bridge.RequestHandle;
import io.obsagent.bridge.Requests;
import net.bytebuddy.asm.Advice;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Inlined into Tomcat's {@code StandardHostValve.invoke}, whose parameters are Tomcat's own servlet request and
 * response. A request that leaves it without any filter or servlet having taken it (no request handle on it) was
 * answered by Tomcat itself: on a standalone Tomcat without a ROOT webapp, every path that no context maps gets a
 * 404 there. The request starts and ends here, so it too carries an ID and is counted. Its {@code jakarta.servlet}
 * twin is the same code.
 */
public final class ContainerAnswerAdvice {

    private ContainerAnswerAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Argument(0) HttpServletRequest request, @Advice.Argument(1) HttpServletResponse response) {
        if (request.getAttribute(RequestHandle.ATTRIBUTE) != null) {
            return;
        }
        RequestHandle handle = Requests.start(request.getMethod(), request.getRequestURI(),
                request.getHeader(Requests.idHeader()), request.getHeader("traceparent"));
        if (handle == null) {
            return;
        }
        if (!response.isCommitted()) {
            response.setHeader(Requests.idHeader(), handle.requestId());
        }
        handle.dispatchExited(response.getStatus(), null, null, null);
    }
}
