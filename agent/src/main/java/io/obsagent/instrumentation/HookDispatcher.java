package io.obsagent.instrumentation;

import io.obsagent.bridge.AgentHooks;
import io.obsagent.bridge.Bridge;
import io.obsagent.core.metrics.AgentFaults;
import io.obsagent.core.metrics.rules.RuleMetrics;
import io.obsagent.core.readiness.AppState;
import io.obsagent.core.readiness.DataSourceRegistry;
import io.obsagent.core.request.Redispatch;
import io.obsagent.core.request.RequestContext;
import io.obsagent.core.request.RequestTracker;
import io.obsagent.core.request.RouteInfo;
import io.obsagent.core.response.ErrorBody;
import io.obsagent.core.response.SecurityHeaders;
import io.obsagent.instrumentation.logging.AppLogsJson;
import io.obsagent.instrumentation.servlet.AsyncCompletion;
import io.obsagent.instrumentation.servlet.JsonErrorAnswer;
import io.obsagent.instrumentation.servlet.ServletMappings;
import io.obsagent.instrumentation.servlet.UndertowCurrentRequest;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.nio.channels.NetworkChannel;

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
    private final RuleMetrics rules;
    private final AgentFaults faults;
    private final AppLogsJson appLogs;
    private final SecurityHeaders securityHeaders;
    private final boolean errorsJson;
    private final ServletMappings servletMappings = new ServletMappings();

    /**
     * @param securityHeaders {@code null} when {@code security_headers.enabled} is off
     */
    public HookDispatcher(String requestIdHeader, RequestTracker tracker, AppState appState, DataSourceRegistry dataSources,
                          RuleMetrics rules, AgentFaults faults, SecurityHeaders securityHeaders, boolean errorsJson,
                          AppLogsJson appLogs) {
        this.requestIdHeader = requestIdHeader;
        this.securityHeaders = securityHeaders;
        this.errorsJson = errorsJson;
        this.tracker = tracker;
        this.appState = appState;
        this.dataSources = dataSources;
        this.rules = rules;
        this.faults = faults;
        this.appLogs = appLogs;
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
        if (context instanceof Redispatch) {
            tracker.redispatchExited((Redispatch) context, thrown);
            return;
        }
        rules.requestServed();
        RequestContext request = (RequestContext) context;
        try {
            tracker.leaveThread(request);
        } finally {
            // Even if restoring the thread failed, the request ends (or waits for its async end).
            RouteInfo route = new RouteInfo(frameworkRoute == null ? null : frameworkRoute.toString(), servletPath,
                    pathInfo, mappingPattern);
            if (asyncContext == null || thrown != null || !waitForAsyncEnd(request, route, asyncContext, asyncListenerType)) {
                tracker.end(request, status, route, thrown, recordedError);
            }
        }
    }

    private boolean waitForAsyncEnd(RequestContext request, RouteInfo route, Object asyncContext, Class<?> listenerType) {
        tracker.suspend(request, route);
        return AsyncCompletion.attach(asyncContext, listenerType, request, tracker, faults);
    }

    @Override
    public Object redispatchStarted(Object context) {
        return context instanceof RequestContext ? tracker.redispatchStarted((RequestContext) context) : null;
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
    public String servletMapping(Object servletContext, Class<?> servletContextType, String servletPath) {
        return servletMappings.pattern(servletContext, servletContextType, servletPath);
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
        if (!errorsJson || !(context instanceof RequestContext)) {
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

    @Override
    public long ruleEnter(int probe) {
        return rules.enter(probe);
    }

    @Override
    public void ruleExit(int probe, long startNanos, Throwable thrown) {
        rules.exit(probe, startNanos, thrown);
    }

    @Override
    public void consoleAppenderStarting(Object appenderOrBuilder) {
        appLogs.consoleStarting(appenderOrBuilder);
    }

    @Override
    public void adviceFailed(String where, Throwable failure) {
        faults.report(where, failure);
    }
}
