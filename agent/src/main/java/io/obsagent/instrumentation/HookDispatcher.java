package io.obsagent.instrumentation;

import io.obsagent.bridge.AgentHooks;
import io.obsagent.bridge.Bridge;
import io.obsagent.core.events.AgentEvents;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.metrics.AgentSelfMetrics;
import io.obsagent.core.readiness.AppState;
import io.obsagent.core.readiness.DataSourceRegistry;
import io.obsagent.core.request.RequestContext;
import io.obsagent.core.request.RequestTracker;
import io.obsagent.core.request.RouteInfo;
import io.obsagent.core.response.ErrorBody;
import io.obsagent.core.response.SecurityHeaders;
import io.obsagent.instrumentation.servlet.AsyncCompletion;
import io.obsagent.instrumentation.servlet.JsonErrorAnswer;
import io.obsagent.instrumentation.servlet.UndertowCurrentRequest;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.nio.channels.NetworkChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Receives what advice reports through the bridge and hands it to the core, turning servlet-level facts into plain values. */
public final class HookDispatcher implements AgentHooks {

    private static final ClassValue<Boolean> HAS_SERVLET_MAPPING = new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> requestInterface) {
            try {
                requestInterface.getMethod("getHttpServletMapping");
                return Boolean.TRUE;
            } catch (NoSuchMethodException e) {
                return Boolean.FALSE;
            }
        }
    };

    private final String requestIdHeader;
    private final RequestTracker tracker;
    private final AppState appState;
    private final DataSourceRegistry dataSources;
    private final AgentSelfMetrics selfMetrics;
    private final EventWriter events;
    private final Set<String> reportedFaults = ConcurrentHashMap.newKeySet();
    private final SecurityHeaders securityHeaders;
    private final boolean errorsJson;

    /**
     * @param securityHeaders {@code null} when {@code security_headers.enabled} is off
     */
    public HookDispatcher(String requestIdHeader, RequestTracker tracker, AppState appState, DataSourceRegistry dataSources,
                          AgentSelfMetrics selfMetrics, EventWriter events, SecurityHeaders securityHeaders,
                          boolean errorsJson) {
        this.requestIdHeader = requestIdHeader;
        this.securityHeaders = securityHeaders;
        this.errorsJson = errorsJson;
        this.tracker = tracker;
        this.appState = appState;
        this.dataSources = dataSources;
        this.selfMetrics = selfMetrics;
        this.events = events;
    }

    @Override
    public String requestIdHeader() {
        return requestIdHeader;
    }

    @Override
    public Object requestStarted(String method, String uri, String incomingId) {
        return tracker.start(method, uri, incomingId);
    }

    @Override
    public String requestId(Object context) {
        return ((RequestContext) context).requestId();
    }

    @Override
    public void dispatchExited(Object context, int status, Throwable thrown, Object recordedError, Object frameworkRoute,
                               String servletPath, String pathInfo, String mappingPattern, Object asyncContext,
                               Class<?> asyncListenerType) {
        RequestContext request = (RequestContext) context;
        tracker.leaveThread(request);
        RouteInfo route = new RouteInfo(frameworkRoute == null ? null : frameworkRoute.toString(), servletPath, pathInfo,
                mappingPattern);
        if (asyncContext != null && thrown == null) {
            tracker.suspend(request, route);
            if (AsyncCompletion.attach(asyncContext, asyncListenerType, request, tracker)) {
                return;
            }
        }
        tracker.end(request, status, route, thrown, recordedError);
    }

    @Override
    public void nestedThrown(Object context, Throwable thrown) {
        if (context instanceof RequestContext) {
            tracker.nestedThrown((RequestContext) context, thrown);
        }
    }

    @Override
    public boolean hasServletMapping(Class<?> requestInterface) {
        return HAS_SERVLET_MAPPING.get(requestInterface);
    }

    @Override
    public void routeTemplate(String template) {
        tracker.routeTemplate(template);
    }

    @Override
    public void containerRendersError(Class<?> container) throws Exception {
        Object[] current = UndertowCurrentRequest.of(container);
        Object request = current == null ? null : current[0];
        Object context = request == null ? null : invoke(request, "getAttribute", Bridge.CONTEXT_ATTRIBUTE);
        if (!(context instanceof RequestContext)) {
            return;
        }
        Object response = current[1];
        setIfAbsent(response, requestIdHeader, ((RequestContext) context).requestId());
        if (securityHeaders != null) {
            String[] security = securityHeaders.forRequest(Boolean.TRUE.equals(invoke(request, "isSecure")),
                    (String) invoke(request, "getHeader", "X-Forwarded-Proto"));
            for (int i = 0; i < security.length; i += 2) {
                setIfAbsent(response, security[i], security[i + 1]);
            }
        }
    }

    private static void setIfAbsent(Object response, String name, String value) throws ReflectiveOperationException {
        if (!Boolean.TRUE.equals(invoke(response, "containsHeader", name))) {
            response.getClass().getMethod("setHeader", String.class, String.class).invoke(response, name, value);
        }
    }

    /** A public method of a container's public request or response class, with no or one String argument. */
    private static Object invoke(Object target, String method, String... argument) throws ReflectiveOperationException {
        return argument.length == 0 ? target.getClass().getMethod(method).invoke(target)
                : target.getClass().getMethod(method, String.class).invoke(target, argument[0]);
    }

    @Override
    public void containerStarted() {
        appState.containerStarted();
    }

    @Override
    public void socketBound(Object socket) {
        SocketAddress address = null;
        if (socket instanceof NetworkChannel) {
            try {
                address = ((NetworkChannel) socket).getLocalAddress();
            } catch (java.io.IOException closedAlready) {
                return;
            }
        } else if (socket instanceof ServerSocket) {
            address = ((ServerSocket) socket).getLocalSocketAddress();
        }
        if (address instanceof InetSocketAddress) {
            appState.socketBound((InetSocketAddress) address);
        }
    }

    @Override
    public void dataSourceUsed(Object dataSource) {
        dataSources.used(dataSource);
    }

    @Override
    public boolean securityHeadersEnabled() {
        return securityHeaders != null;
    }

    @Override
    public String[] securityHeaders(boolean secure, String forwardedProto) {
        return securityHeaders == null ? null : securityHeaders.forRequest(secure, forwardedProto);
    }

    @Override
    public String contentSecurityPolicy(String contentType) {
        return securityHeaders == null ? null : securityHeaders.contentSecurityPolicyFor(contentType);
    }

    @Override
    public String applicationHeaderValue(String name, Iterable<String> values) {
        String chosen = null;
        for (String value : values) {
            if (chosen == null || securityHeaders.isAgentValue(name, chosen)) {
                chosen = value;
            }
        }
        return chosen;
    }

    @Override
    public boolean answerWithJsonError(Object context, Object response, Class<?> responseType) throws Exception {
        if (!errorsJson) {
            return false;
        }
        String id = ((RequestContext) context).requestId();
        String[] security = securityHeaders == null ? new String[0] : securityHeaders.forRequest(false, null);
        String[] headers = new String[security.length + 2];
        headers[0] = requestIdHeader;
        headers[1] = id;
        System.arraycopy(security, 0, headers, 2, security.length);
        return JsonErrorAnswer.write(response, responseType, ErrorBody.forRequest(id), ErrorBody.CONTENT_TYPE, headers);
    }

    /** Every fault is counted; the first of each kind is also logged, so a recurring fault cannot flood the log. */
    @Override
    public void adviceFailed(String where, Throwable failure) {
        selfMetrics.error(where);
        if (reportedFaults.size() < 64 && reportedFaults.add(where)) {
            events.emit(AgentEvents.error(where, String.valueOf(failure)));
        }
    }
}
