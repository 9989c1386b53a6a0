package io.obsagent.bridge;

/**
 * What the agent's core does when advice reports something. Implemented by the agent (system class
 * loader) and registered once at start-up; declared here, on the bootstrap path, so advice inlined into
 * any class loader can reach it. Only JDK types appear, because the bridge must load everywhere.
 */
public interface AgentHooks {

    String requestIdHeader();

    /** A request's outermost dispatch began; returns its context, or {@code null} to leave it alone. */
    Object requestStarted(String method, String uri, String incomingId);

    String requestId(Object context);

    /**
     * The outermost dispatch returned (or threw). The request ends now, unless {@code asyncContext} is set:
     * then it ends when that context completes, through a listener of type {@code asyncListenerType}
     * (the application's own {@code AsyncListener} interface).
     */
    void dispatchExited(Object context, int status, Throwable thrown, Object recordedError, Object frameworkRoute,
                        String servletPath, String pathInfo, String mappingPattern, Object asyncContext,
                        Class<?> asyncListenerType);

    /** A throwable escaped a nested or re-dispatched call of a request already being tracked. */
    void nestedThrown(Object context, Throwable thrown);

    /** True when the servlet API interface has {@code getHttpServletMapping()} (Servlet 4.0+). */
    boolean hasServletMapping(Class<?> requestInterface);

    /** A JAX-RS resource method with this route template is running on the current thread. */
    void routeTemplate(String template);

    /**
     * A container (code of class {@code container}) is about to render an error page for the request on the
     * current thread, having cleared the response headers: set the agent's headers again.
     */
    void containerRendersError(Class<?> container) throws Exception;

    /** A servlet context, filter or servlet finished initialising: the container is starting up. */
    void containerStarted();

    /** The application bound a listening socket. */
    void socketBound(Object localAddress);

    /** The application borrowed a connection from this {@code javax.sql.DataSource}. */
    void dataSourceUsed(Object dataSource);

    boolean securityHeadersEnabled();

    /**
     * Security headers for a response to this request as flattened name/value pairs, or {@code null}
     * when the feature is off. The same array instance is returned for every request of a kind.
     */
    String[] securityHeaders(boolean secure, String forwardedProto);

    /** The {@code Content-Security-Policy} value for a response of this content type, or {@code null}. */
    String contentSecurityPolicy(String contentType);

    /** Of several values of a security header, the one the application set (which wins over the agent's). */
    String applicationHeaderValue(String name, Iterable<String> values);

    /**
     * With {@code errors.json} on, answers an unhandled exception with the JSON error body, if the
     * response is not committed yet; {@code responseType} is the application's HttpServletResponse
     * interface. True when the answer was written (the throwable must then not reach the container).
     */
    boolean answerWithJsonError(Object context, Object response, Class<?> responseType) throws Exception;

    /** Advice caught one of its own throwables; {@code where} names the advice. */
    void adviceFailed(String where, Throwable failure);
}
