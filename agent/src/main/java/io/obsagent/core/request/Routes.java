package io.obsagent.core.request;

/**
 * Chooses the {@code endpoint} label of SPEC §2.2: the framework's route template, else a servlet mapping
 * that names something, else {@code NOT_FOUND} for a 404, else the path with identifiers replaced.
 */
public final class Routes {

    private final RouteLimiter limiter;

    public Routes(RouteLimiter limiter) {
        this.limiter = limiter;
    }

    public String endpoint(RouteInfo route, String path, int status) {
        String template = route.frameworkTemplate();
        if (template != null && !isCatchAll(template)) {
            return limiter.admit(join(servletPrefix(route), template));
        }
        String mapping = namingMapping(route);
        if (mapping != null) {
            return limiter.admit(mapping);
        }
        if (status == 404) {
            return RouteLimiter.NOT_FOUND;
        }
        return limiter.admit(PathTemplates.normalise(path));
    }

    /**
     * Spring and JAX-RS templates are relative to the servlet; under a prefix mapping ({@code /api/*}) the
     * servlet path is that prefix. Under the default mapping the servlet path is the whole path: no prefix.
     */
    private static String servletPrefix(RouteInfo route) {
        String servletPath = route.servletPath();
        return route.pathInfo() != null && servletPath != null ? servletPath : "";
    }

    /** The mapping when it names something: {@code /items/*}, {@code *.do}, an exact path; never {@code /} or {@code /*}. */
    private static String namingMapping(RouteInfo route) {
        String pattern = route.mappingPattern();
        if (pattern == null && route.pathInfo() != null && route.servletPath() != null && !route.servletPath().isEmpty()) {
            pattern = route.servletPath() + "/*";
        }
        return pattern == null || isCatchAll(pattern) ? null : pattern;
    }

    static boolean isCatchAll(String pattern) {
        return pattern.isEmpty() || pattern.equals("/") || pattern.equals("/*") || pattern.equals("/**")
                || pattern.equals("**") || pattern.equals("/**/*");
    }

    static String join(String prefix, String template) {
        if (prefix.isEmpty()) {
            return template.startsWith("/") ? template : "/" + template;
        }
        boolean slash = prefix.endsWith("/") || template.startsWith("/");
        if (prefix.endsWith("/") && template.startsWith("/")) {
            return prefix + template.substring(1);
        }
        return slash ? prefix + template : prefix + "/" + template;
    }
}
