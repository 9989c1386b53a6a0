package io.obsagent.instrumentation.servlet.javax;

import io.obsagent.bridge.Bridge;
import io.obsagent.instrumentation.servlet.UnmappedOnly;
import net.bytebuddy.asm.Advice;

import javax.servlet.AsyncListener;
import javax.servlet.DispatcherType;
import javax.servlet.ServletContext;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletMapping;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.util.Collection;

/**
 * Inlined into {@code Servlet.service} and {@code Filter.doFilter}. The outermost dispatch of a request
 * starts and ends its measurement. Nested filters, servlets, forwards, includes and the container's ERROR
 * and ASYNC dispatches find the context attribute already set: they are not measured again, the ERROR
 * dispatch re-applies the agent's headers, and an ERROR or ASYNC dispatch on a thread outside the request
 * gets the request's logging context back for its duration.
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
        Object scope;
        Object headersFor;
        if (existing != null) {
            DispatcherType type = request.getDispatcherType();
            scope = type == DispatcherType.ERROR || type == DispatcherType.ASYNC ? Bridge.redispatchStarted(existing) : null;
            // The container may have reset the headers before rendering its error page.
            headersFor = type == DispatcherType.ERROR && !response.isCommitted()
                    && !response.containsHeader(header) ? existing : null;
        } else {
            scope = header == null ? null
                    : Bridge.requestStarted(request.getMethod(), request.getRequestURI(), request.getHeader(header));
            headersFor = scope;
            if (scope != null) {
                request.setAttribute(Bridge.CONTEXT_ATTRIBUTE, scope);
                request.setAttribute(Bridge.REQUEST_ID_ATTRIBUTE, Bridge.requestId(scope));
            }
        }
        if (headersFor != null) {
            response.setHeader(header, Bridge.requestId(headersFor));
            if (Bridge.securityHeadersEnabled()) {
                String[] security = Bridge.securityHeaders(request.isSecure(), request.getHeader("X-Forwarded-Proto"));
                for (int i = 0; security != null && i < security.length; i += 2) {
                    if (!response.containsHeader(security[i])) {
                        response.setHeader(security[i], security[i + 1]);
                    }
                }
            }
        }
        return scope;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object scope, @Advice.Argument(0) ServletRequest req,
                            @Advice.Argument(1) ServletResponse res,
                            @Advice.Thrown(readOnly = false) Throwable thrown) {
        if (scope == null) {
            if (thrown != null && req != null) {
                Bridge.nestedThrown(req.getAttribute(Bridge.CONTEXT_ATTRIBUTE), thrown);
            }
            return;
        }
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        Throwable escaped = thrown;
        if (escaped != null && Bridge.answerWithJsonError(scope, response, HttpServletResponse.class)) {
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
        Bridge.dispatchExited(scope, response.getStatus(), escaped, recorded,
                request.getAttribute("org.springframework.web.servlet.HandlerMapping.bestMatchingPattern"),
                servletPath, pathInfo, mapping,
                request.isAsyncStarted() ? request.getAsyncContext() : null, AsyncListener.class);
    }
}
