package io.obsagent.core.request;

/**
 * What the instrumentation learned about the route of one request, most specific first. Each field may be
 * {@code null}: {@code frameworkTemplate} (Spring's best matching pattern or a JAX-RS {@code @Path} template,
 * relative to the servlet), {@code servletPath} / {@code pathInfo} of the request, and the servlet mapping
 * pattern when the container reports it (Servlet 4.0+).
 */
public final class RouteInfo {

    private final String frameworkTemplate;
    private final String servletPath;
    private final String pathInfo;
    private final String mappingPattern;

    public RouteInfo(String frameworkTemplate, String servletPath, String pathInfo, String mappingPattern) {
        this.frameworkTemplate = frameworkTemplate;
        this.servletPath = servletPath;
        this.pathInfo = pathInfo;
        this.mappingPattern = mappingPattern;
    }

    RouteInfo withFrameworkTemplate(String template) {
        return new RouteInfo(template, servletPath, pathInfo, mappingPattern);
    }

    String frameworkTemplate() {
        return frameworkTemplate;
    }

    String servletPath() {
        return servletPath;
    }

    String pathInfo() {
        return pathInfo;
    }

    String mappingPattern() {
        return mappingPattern;
    }
}
