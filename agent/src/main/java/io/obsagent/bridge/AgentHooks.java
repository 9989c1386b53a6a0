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

    /**
     * The container dispatches a tracked request again (ERROR or ASYNC). Returns a context to pass to
     * {@link #dispatchExited} when this thread is not already inside the request, else {@code null}.
     */
    Object redispatchStarted(Object context);

    /** A throwable escaped a nested or re-dispatched call of a request already being tracked. */
    void nestedThrown(Object context, Throwable thrown);

    /** True when the servlet API interface has {@code getHttpServletMapping()} (Servlet 4.0+). */
    boolean hasServletMapping(Class<?> requestInterface);

    /**
     * For Servlet 3.x, which has no {@code getHttpServletMapping()}: the mapping pattern that selected a request
     * without path info, from the servlet registrations of {@code servletContext} (whose API interface is
     * {@code servletContextType}); {@code null} when only the default servlet matches.
     */
    String servletMapping(Object servletContext, Class<?> servletContextType, String servletPath);

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

    /** A method watched by metric rule probe {@code probe} was entered; returns a value handed back to {@link #ruleExit}. */
    long ruleEnter(int probe);

    /** That method returned ({@code thrown} null) or threw. */
    void ruleExit(int probe, long startNanos, Throwable thrown);

    /**
     * {@code app_logs.json}: a Logback {@code ConsoleAppender} is about to start, or a Log4j 2
     * {@code ConsoleAppender.Builder} is about to build its appender.
     */
    void consoleAppenderStarting(Object appenderOrBuilder);

    /** Advice caught one of its own throwables; {@code where} names the advice. */
    void adviceFailed(String where, Throwable failure);
}
