package io.obsagent.instrumentation;

import io.obsagent.bridge.AgentHooks;
import io.obsagent.core.metrics.AgentFaults;
import io.obsagent.core.readiness.AppState;
import io.obsagent.core.readiness.DataSourceRegistry;
import io.obsagent.core.request.RequestContext;
import io.obsagent.core.request.RequestTracker;
import io.obsagent.core.request.RouteInfo;
import io.obsagent.instrumentation.servlet.AsyncCompletion;

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
    private final AgentFaults faults;

    public HookDispatcher(String requestIdHeader, RequestTracker tracker, AppState appState, DataSourceRegistry dataSources,
                          AgentFaults faults) {
        this.requestIdHeader = requestIdHeader;
        this.tracker = tracker;
        this.appState = appState;
        this.dataSources = dataSources;
        this.faults = faults;
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
    public void adviceFailed(String where, Throwable failure) {
        faults.report(where, failure);
    }
}
