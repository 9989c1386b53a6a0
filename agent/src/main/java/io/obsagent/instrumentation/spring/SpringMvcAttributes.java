package io.obsagent.instrumentation.spring;

/**
 * Where Spring MVC (Spring 3 to 7, javax and jakarta alike) leaves what the agent needs on the request, so the
 * generic servlet advice can read it at the outermost exit without naming Spring: the route template its handler
 * mapping chose, and the exception a handler threw that an exception resolver then rendered.
 */
public final class SpringMvcAttributes {

    /** {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}: the pattern relative to the DispatcherServlet. */
    public static final String ROUTE = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";
    /** {@code DispatcherServlet.EXCEPTION_ATTRIBUTE}: set when a resolver handled a handler's exception. */
    public static final String ERROR = "org.springframework.web.servlet.DispatcherServlet.EXCEPTION";

    private SpringMvcAttributes() {
    }
}
