package io.obsagent.instrumentation.servlet.jakarta;

import io.obsagent.bridge.RequestHandle;
import io.obsagent.bridge.Requests;
import io.obsagent.bridge.Responses;
import io.obsagent.instrumentation.UnmappedOnly;
import net.bytebuddy.asm.Advice;

import jakarta.servlet.AsyncListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Inlined into {@code Servlet.service} and {@code Filter.doFilter} of {@code jakarta.servlet}: reads what a
 * dispatch knows from the servlet API and hands it to the request's {@link RequestHandle}, which decides.
 * Also inlined into a container's own request entry point with {@link UnmappedOnly} true: there it follows
 * only the requests that map to no servlet, which such a container answers without any dispatch.
 * Its {@code javax.servlet} twin is the same code over the other namespace; a test compares the two.
 */
public final class ServletDispatchAdvice {

    private ServletDispatchAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static RequestHandle enter(@Advice.Argument(0) ServletRequest req, @Advice.Argument(1) ServletResponse res,
                                      @UnmappedOnly boolean unmappedOnly) {
        if (!(req instanceof HttpServletRequest) || !(res instanceof HttpServletResponse)) {
            return null;
        }
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (unmappedOnly && (!Requests.hasServletMapping(HttpServletRequest.class)
                || request.getHttpServletMapping().getMappingMatch() != null)) {
            return null;
        }
        Object seen = request.getAttribute(RequestHandle.ATTRIBUTE);
        if (seen instanceof RequestHandle) {
            RequestHandle handle = (RequestHandle) seen;
            if (!handle.redispatchEntered()) {
                return null;
            }
            // The container may have reset the headers before rendering its error page.
            if (!response.isCommitted() && !response.containsHeader(Requests.idHeader())) {
                response.setHeader(Requests.idHeader(), handle.requestId());
            }
            return handle;
        }
        RequestHandle handle = Requests.start(request.getMethod(), request.getRequestURI(),
                request.getHeader(Requests.idHeader()), request.getHeader("traceparent"));
        if (handle != null) {
            request.setAttribute(RequestHandle.ATTRIBUTE, handle);
            request.setAttribute(RequestHandle.REQUEST_ID_ATTRIBUTE, handle.requestId());
            response.setHeader(Requests.idHeader(), handle.requestId());
            if (handle.traceParent() != null) {
                handle.incomingTraceState(request.getHeader("tracestate"));
            }
        }
        return handle;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter RequestHandle handle, @Advice.Argument(0) ServletRequest req,
                            @Advice.Argument(1) ServletResponse res, @Advice.Thrown(readOnly = false) Throwable thrown)
            throws Exception {
        if (handle == null) {
            Object seen = thrown == null || req == null ? null : req.getAttribute(RequestHandle.ATTRIBUTE);
            if (seen instanceof RequestHandle) {
                ((RequestHandle) seen).nestedThrew(thrown);
            }
            return;
        }
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        Throwable escaped = thrown;
        if (escaped != null && Responses.answerWithJsonError(handle, response, HttpServletResponse.class)) {
            thrown = null;
        }
        if (handle.exitingOutermost()) {
            String[] routes = Requests.routeAttributes();
            for (int i = 0; i < routes.length; i++) {
                handle.frameworkRoute(request.getAttribute(routes[i]));
            }
            handle.recordedError(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            String[] errors = Requests.errorAttributes();
            for (int i = 0; i < errors.length; i++) {
                handle.recordedError(request.getAttribute(errors[i]));
            }
            String servletPath = request.getServletPath();
            String pathInfo = request.getPathInfo();
            String mapping = null;
            if (handle.needsServletMapping() && Requests.hasServletMapping(HttpServletRequest.class)) {
                // A Servlet 3.x container under the 4.0 API jar answers with the interface's default: no match type.
                HttpServletMapping servletMapping = request.getHttpServletMapping();
                mapping = servletMapping == null || servletMapping.getMappingMatch() == null ? null : servletMapping.getPattern();
            }
            if (mapping == null && pathInfo == null && handle.needsServletMapping()) {
                mapping = Requests.servletMapping(request.getServletContext(), ServletContext.class, servletPath);
            }
            handle.servletRoute(request.getContextPath(), servletPath, pathInfo, mapping);
        }
        handle.dispatchExited(response.getStatus(), escaped,
                request.isAsyncStarted() ? request.getAsyncContext() : null, AsyncListener.class);
    }
}
