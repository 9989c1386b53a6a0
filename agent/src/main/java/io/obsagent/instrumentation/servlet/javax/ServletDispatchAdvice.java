package io.obsagent.instrumentation.servlet.javax;

import io.obsagent.bridge.Bridge;
import net.bytebuddy.asm.Advice;

import javax.servlet.AsyncListener;
import javax.servlet.DispatcherType;
import javax.servlet.ServletContext;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletMapping;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Inlined into {@code Servlet.service} and {@code Filter.doFilter}. The outermost dispatch of a request
 * starts and ends its measurement; nested filters, servlets, forwards, includes and the container's ERROR
 * and ASYNC dispatches find the context attribute already set and only re-apply the request ID header.
 *
 * <p>This is the one hand-written copy: the build generates the {@code jakarta.servlet} twin from it.
 */
public final class ServletDispatchAdvice {

    private ServletDispatchAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(0) ServletRequest req, @Advice.Argument(1) ServletResponse res) {
        if (!(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)) {
            return null;
        }
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String header = Bridge.requestIdHeader();
        Object existing = header == null ? null : request.getAttribute(Bridge.CONTEXT_ATTRIBUTE);
        if (existing != null) {
            if (request.getDispatcherType() == DispatcherType.ERROR && !response.isCommitted()
                    && !response.containsHeader(header)) {
                response.setHeader(header, Bridge.requestId(existing));
            }
            return null;
        }
        Object context = header == null ? null
                : Bridge.requestStarted(request.getMethod(), request.getRequestURI(), request.getHeader(header));
        if (context != null) {
            String id = Bridge.requestId(context);
            request.setAttribute(Bridge.CONTEXT_ATTRIBUTE, context);
            request.setAttribute(Bridge.REQUEST_ID_ATTRIBUTE, id);
            response.setHeader(header, id);
        }
        return context;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object context, @Advice.Argument(0) ServletRequest req,
                            @Advice.Argument(1) ServletResponse res, @Advice.Thrown Throwable thrown) {
        if (context == null) {
            if (thrown != null && req != null) {
                Bridge.nestedThrown(req.getAttribute(Bridge.CONTEXT_ATTRIBUTE), thrown);
            }
            return;
        }
        HttpServletRequest request = (HttpServletRequest) req;
        Object recorded = request.getAttribute("javax.servlet.error.exception");
        if (recorded == null) {
            recorded = request.getAttribute("org.springframework.web.servlet.DispatcherServlet.EXCEPTION");
        }
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo();
        String mapping = null;
        if (Bridge.hasServletMapping(HttpServletRequest.class)) {
            // A Servlet 3.x container under the 4.0 API jar answers with the interface's default: no match type.
            HttpServletMapping servletMapping = request.getHttpServletMapping();
            mapping = servletMapping == null || servletMapping.getMappingMatch() == null ? null : servletMapping.getPattern();
        }
        if (mapping == null && pathInfo == null) {
            mapping = Bridge.servletMapping(request.getServletContext(), ServletContext.class, servletPath);
        }
        Bridge.dispatchExited(context, ((HttpServletResponse) res).getStatus(), thrown, recorded,
                request.getAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern"),
                servletPath, pathInfo, mapping,
                request.isAsyncStarted() ? request.getAsyncContext() : null, AsyncListener.class);
    }
}
