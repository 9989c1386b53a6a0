package io.obsagent.bridge;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The static entry points that advice calls. Each one delegates to the {@link AgentHooks} the agent
 * registered and never lets a throwable out: a fault here is counted, and the application carries on.
 */
public final class Bridge {

    /** Request attribute holding the agent's context; its presence marks a request already being measured. */
    public static final String CONTEXT_ATTRIBUTE = "io.obsagent.request";
    /** Request attribute carrying the request ID for application code (SPEC §2.1). */
    public static final String REQUEST_ID_ATTRIBUTE = "obs.request_id";

    private static final AtomicBoolean CLAIMED = new AtomicBoolean();
    private static volatile AgentHooks hooks;

    private Bridge() {
    }

    /** True for the first agent copy in this JVM; a second copy attached by mistake stays inert. */
    public static boolean claim() {
        return CLAIMED.compareAndSet(false, true);
    }

    public static void register(AgentHooks agentHooks) {
        hooks = agentHooks;
    }

    public static String requestIdHeader() {
        AgentHooks h = hooks;
        return h == null ? null : h.requestIdHeader();
    }

    public static Object requestStarted(String method, String uri, String incomingId) {
        AgentHooks h = hooks;
        if (h == null) {
            return null;
        }
        try {
            return h.requestStarted(method, uri, incomingId);
        } catch (Throwable t) {
            failed(h, "request.start", t);
            return null;
        }
    }

    public static String requestId(Object context) {
        AgentHooks h = hooks;
        try {
            return h == null || context == null ? null : h.requestId(context);
        } catch (Throwable t) {
            failed(h, "request.id", t);
            return null;
        }
    }

    public static void dispatchExited(Object context, int status, Throwable thrown, Object recordedError,
                                      Object frameworkRoute, String servletPath, String pathInfo,
                                      String mappingPattern, Object asyncContext, Class<?> asyncListenerType) {
        AgentHooks h = hooks;
        if (h == null || context == null) {
            return;
        }
        try {
            h.dispatchExited(context, status, thrown, recordedError, frameworkRoute, servletPath, pathInfo,
                    mappingPattern, asyncContext, asyncListenerType);
        } catch (Throwable t) {
            failed(h, "request.end", t);
        }
    }

    public static Object redispatchStarted(Object context) {
        AgentHooks h = hooks;
        if (h == null || context == null) {
            return null;
        }
        try {
            return h.redispatchStarted(context);
        } catch (Throwable t) {
            failed(h, "request.redispatch", t);
            return null;
        }
    }

    public static void nestedThrown(Object context, Throwable thrown) {
        AgentHooks h = hooks;
        if (h == null || context == null || thrown == null) {
            return;
        }
        try {
            h.nestedThrown(context, thrown);
        } catch (Throwable t) {
            failed(h, "request.nested", t);
        }
    }

    public static boolean hasServletMapping(Class<?> requestInterface) {
        AgentHooks h = hooks;
        try {
            return h != null && h.hasServletMapping(requestInterface);
        } catch (Throwable t) {
            failed(h, "request.mapping", t);
            return false;
        }
    }

    public static String servletMapping(Object servletContext, Class<?> servletContextType, String servletPath) {
        AgentHooks h = hooks;
        try {
            return h == null ? null : h.servletMapping(servletContext, servletContextType, servletPath);
        } catch (Throwable t) {
            failed(h, "request.mapping", t);
            return null;
        }
    }

    public static void routeTemplate(String template) {
        AgentHooks h = hooks;
        if (h == null) {
            return;
        }
        try {
            h.routeTemplate(template);
        } catch (Throwable t) {
            failed(h, "jaxrs.route", t);
        }
    }

    public static void containerRendersError(Class<?> container) {
        AgentHooks h = hooks;
        if (h == null) {
            return;
        }
        try {
            h.containerRendersError(container);
        } catch (Throwable t) {
            failed(h, "response.error_page", t);
        }
    }

    public static void containerStarted() {
        AgentHooks h = hooks;
        if (h == null) {
            return;
        }
        try {
            h.containerStarted();
        } catch (Throwable t) {
            failed(h, "readiness.container", t);
        }
    }

    public static void socketBound(Object localAddress) {
        AgentHooks h = hooks;
        if (h == null) {
            return;
        }
        try {
            h.socketBound(localAddress);
        } catch (Throwable t) {
            failed(h, "readiness.socket", t);
        }
    }

    public static void dataSourceUsed(Object dataSource) {
        AgentHooks h = hooks;
        if (h == null) {
            return;
        }
        try {
            h.dataSourceUsed(dataSource);
        } catch (Throwable t) {
            failed(h, "readiness.datasource", t);
        }
    }

    public static boolean securityHeadersEnabled() {
        AgentHooks h = hooks;
        try {
            return h != null && h.securityHeadersEnabled();
        } catch (Throwable t) {
            failed(h, "response.security_headers", t);
            return false;
        }
    }

    public static String[] securityHeaders(boolean secure, String forwardedProto) {
        AgentHooks h = hooks;
        try {
            return h == null ? null : h.securityHeaders(secure, forwardedProto);
        } catch (Throwable t) {
            failed(h, "response.security_headers", t);
            return null;
        }
    }

    public static String contentSecurityPolicy(String contentType) {
        AgentHooks h = hooks;
        try {
            return h == null ? null : h.contentSecurityPolicy(contentType);
        } catch (Throwable t) {
            failed(h, "response.csp", t);
            return null;
        }
    }

    public static String applicationHeaderValue(String name, Iterable<String> values) {
        AgentHooks h = hooks;
        try {
            return h == null ? null : h.applicationHeaderValue(name, values);
        } catch (Throwable t) {
            failed(h, "response.security_headers", t);
            return null;
        }
    }

    public static boolean answerWithJsonError(Object context, Object response, Class<?> responseType) {
        AgentHooks h = hooks;
        try {
            return h != null && context != null && h.answerWithJsonError(context, response, responseType);
        } catch (Throwable t) {
            failed(h, "response.errors_json", t);
            return false;
        }
    }

    /**
     * Entry into a method that a metric rule watches; {@code probe} is the constant the instrumentation inlined.
     * Returns what {@link #ruleExit} needs back: the start time of a timed call, else 0.
     */
    public static long ruleEnter(int probe) {
        AgentHooks h = hooks;
        if (h == null) {
            return 0L;
        }
        try {
            return h.ruleEnter(probe);
        } catch (Throwable t) {
            failed(h, "rules.enter", t);
            return 0L;
        }
    }

    public static void ruleExit(int probe, long startNanos, Throwable thrown) {
        AgentHooks h = hooks;
        if (h == null) {
            return;
        }
        try {
            h.ruleExit(probe, startNanos, thrown);
        } catch (Throwable t) {
            failed(h, "rules.exit", t);
        }
    }

    public static void consoleAppenderStarting(Object appenderOrBuilder) {
        AgentHooks h = hooks;
        if (h == null || appenderOrBuilder == null) {
            return;
        }
        try {
            h.consoleAppenderStarting(appenderOrBuilder);
        } catch (Throwable t) {
            failed(h, "app_logs.json", t);
        }
    }

    /** Called by the exception handler Byte Buddy wraps around every piece of advice. */
    public static void adviceFailed(Throwable failure, String where) {
        failed(hooks, where, failure);
    }

    private static void failed(AgentHooks h, String where, Throwable failure) {
        if (h == null) {
            return;
        }
        try {
            h.adviceFailed(where, failure);
        } catch (Throwable ignored) {
            // Counting the fault failed too; the application must still not notice.
        }
    }
}
