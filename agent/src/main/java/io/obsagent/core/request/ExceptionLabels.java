package io.obsagent.core.request;

import io.obsagent.core.metrics.LabelLimit;

/**
 * The class that identifies an unhandled exception: container and framework wrappers (Spring's
 * "Request processing failed", Jersey's container exception) are unwrapped to the cause the
 * application threw, and the number of distinct class labels is capped like endpoints are.
 */
public final class ExceptionLabels {

    static final int LIMIT = 100;

    private final LabelLimit classes = new LabelLimit(LIMIT);

    /** The exception the application threw, below any wrappers. */
    public static Throwable unwrap(Throwable thrown) {
        Throwable t = thrown;
        for (int depth = 0; depth < 16 && t.getCause() != null && t.getCause() != t && isWrapper(t); depth++) {
            t = t.getCause();
        }
        return t;
    }

    public String label(Throwable exception) {
        return classes.admit(exception.getClass().getName());
    }

    private static boolean isWrapper(Throwable t) {
        String name = t.getClass().getName();
        return name.equals("javax.servlet.ServletException") || name.equals("jakarta.servlet.ServletException")
                || name.equals("org.springframework.web.util.NestedServletException")
                || name.equals("org.glassfish.jersey.server.ContainerException")
                || name.equals("org.jboss.resteasy.spi.UnhandledException");
    }
}
