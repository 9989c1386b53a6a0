package io.obsagent.core.request;

import io.obsagent.core.metrics.LabelLimit;

/**
 * The one place that chooses the {@code endpoint} label (agent/SPEC.md §2.2), from the route facts of a request
 * in this order: a framework's route template, else a servlet mapping that names something, else
 * {@code NOT_FOUND} for a 404, else the path with identifiers replaced. Templates and mappings are prefixed with
 * the web application's context path when it is not the root, so two webapps never share a series.
 */
public final class Routes {

    public static final String NOT_FOUND = "NOT_FOUND";

    private final LabelLimit limit;
    private final RouteNames names = new RouteNames();

    public Routes(LabelLimit limit) {
        this.limit = limit;
    }

    String endpoint(RequestContext request, int status) {
        String context = request.contextPath == null ? "" : request.contextPath;
        String template = request.frameworkTemplate;
        if (template != null && !isCatchAll(template)) {
            return names.joined(context, servletPrefix(request), template, limit);
        }
        String mapping = namingMapping(request);
        if (mapping != null) {
            // At the root context a mapping is its own name, extension mappings (*.do) included.
            return context.isEmpty() ? limit.admit(mapping) : names.joined(context, "", mapping, limit);
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        return limit.admit(RawPaths.normalise(request.path));
    }

    /**
     * Spring and JAX-RS templates are relative to the servlet; under a prefix mapping ({@code /api/*}) the
     * servlet path is that prefix. Under the default mapping the servlet path is the whole path: no prefix.
     */
    private static String servletPrefix(RequestContext request) {
        return request.pathInfo != null && request.servletPath != null ? request.servletPath : "";
    }

    /** The mapping when it names something: {@code /items/*}, {@code *.do}, an exact path; never {@code /} or {@code /*}. */
    private static String namingMapping(RequestContext request) {
        String pattern = request.mappingPattern;
        if (pattern == null && request.pathInfo != null && request.servletPath != null && !request.servletPath.isEmpty()) {
            pattern = request.servletPath + "/*";
        }
        return pattern == null || isCatchAll(pattern) ? null : pattern;
    }

    static boolean isCatchAll(String pattern) {
        return pattern.isEmpty() || pattern.equals("/") || pattern.equals("/*") || pattern.equals("/**")
                || pattern.equals("**") || pattern.equals("/**/*");
    }
}
