package io.obsagent.instrumentation.servlet.javax;

import io.obsagent.bridge.Bridge;
import io.obsagent.instrumentation.servlet.UnmappedOnly;
import net.bytebuddy.asm.Advice;

import javax.servlet.AsyncListener;
import javax.servlet.DispatcherType;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.util.Collection;

/**
 * Inlined into {@code Servlet.service} and {@code Filter.doFilter}. The outermost dispatch of a request
 * starts and ends its measurement; nested filters, servlets, forwards, includes and the container's ERROR
 * and ASYNC dispatches find the context attribute already set and only re-apply the agent's headers.
 * Also inlined into a container's own request entry point, with {@link UnmappedOnly} true: there it measures
 * the requests that map to no servlet, which such a container answers itself without any dispatch.
 *
 * <p>This is the one hand-written copy: the build generates the {@code jakarta.servlet} twin from it.
 */
public final class ServletDispatchAdvice {

    private ServletDispatchAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.Argument(0) ServletRequest req, @Advice.Argument(1) ServletResponse res,
                               @UnmappedOnly boolean unmappedOnly) {
        if (!(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)) {
            return null;
        }
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (unmappedOnly && (!Bridge.hasServletMapping(HttpServletRequest.class)
                || request.getHttpServletMapping().getMappingMatch() != null)) {
            return null;
        }
        String header = Bridge.requestIdHeader();
        Object existing = header == null ? null : request.getAttribute(Bridge.CONTEXT_ATTRIBUTE);
        Object context = existing != null || header == null ? null
                : Bridge.requestStarted(request.getMethod(), request.getRequestURI(), request.getHeader(header));
        if (context != null) {
            request.setAttribute(Bridge.CONTEXT_ATTRIBUTE, context);
            request.setAttribute(Bridge.REQUEST_ID_ATTRIBUTE, Bridge.requestId(context));
        }
        // On the first dispatch, and again on the ERROR dispatch in case the container reset the headers.
        if (context != null || (existing != null && request.getDispatcherType() == DispatcherType.ERROR
                && !response.isCommitted())) {
            Object owner = context != null ? context : existing;
            if (!response.containsHeader(header)) {
                response.setHeader(header, Bridge.requestId(owner));
            }
            if (Bridge.securityHeadersEnabled()) {
                String[] security = Bridge.securityHeaders(request.isSecure(), request.getHeader("X-Forwarded-Proto"));
                for (int i = 0; security != null && i < security.length; i += 2) {
                    if (!response.containsHeader(security[i])) {
                        response.setHeader(security[i], security[i + 1]);
                    }
                }
            }
        }
        return context;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object context, @Advice.Argument(0) ServletRequest req,
                            @Advice.Argument(1) ServletResponse res,
                            @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (context == null) {
            if (thrown != null && req != null) {
                Bridge.nestedThrown(req.getAttribute(Bridge.CONTEXT_ATTRIBUTE), thrown);
            }
            return;
        }
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        Throwable escaped = thrown;
        if (escaped != null && Bridge.answerWithJsonError(context, response, HttpServletResponse.class)) {
            thrown = null;
        }
        if (escaped == null && Bridge.securityHeadersEnabled() && !response.isCommitted()) {
            // A header the application added next to the agent's: the application's value wins.
            String[] security = Bridge.securityHeaders(request.isSecure(), request.getHeader("X-Forwarded-Proto"));
            for (int i = 0; security != null && i < security.length; i += 2) {
                Collection<String> values = response.getHeaders(security[i]);
                if (values != null && values.size() > 1) {
                    response.setHeader(security[i], Bridge.applicationHeaderValue(security[i], values));
                }
            }
        }
        Object recorded = request.getAttribute("javax.servlet.error.exception");
        if (recorded == null) {
            recorded = request.getAttribute("org.springframework.web.servlet.DispatcherServlet.EXCEPTION");
        }
        String mapping = Bridge.hasServletMapping(HttpServletRequest.class)
                ? request.getHttpServletMapping().getPattern() : null;
        Bridge.dispatchExited(context, response.getStatus(), escaped, recorded,
                request.getAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern"),
                request.getServletPath(), request.getPathInfo(), mapping,
                request.isAsyncStarted() ? request.getAsyncContext() : null, AsyncListener.class);
    }
}
