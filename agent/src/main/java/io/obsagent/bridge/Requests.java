package io.obsagent.bridge;

/**
 * Entry points of the servlet request advice: start following a request, and what the generic advice needs to
 * know that it must not hard-code (the request-ID header, the attributes frameworks record a route or an error
 * in, how to find a Servlet 3.x mapping). Everything else the advice reports goes to the {@link RequestHandle}.
 */
public final class Requests {

    /** What the agent does with a request; one implementation, registered once the core exists. */
    public interface Hooks {

        /** The header read for an incoming request ID and written with the chosen one. */
        String idHeader();

        /** Starts following a request; {@code null} leaves it alone. */
        RequestHandle start(String method, String uri, String incomingId, String traceParent);

        /** Request attributes in which frameworks record the route template, read at the outermost exit. */
        String[] routeAttributes();

        /** Request attributes in which frameworks record the request's error, read after the container's own. */
        String[] errorAttributes();

        /** A JAX-RS resource method with this route template runs for the current thread's request. */
        void routeTemplate(String template);

        /** True when this servlet API's request interface has {@code getHttpServletMapping()} (Servlet 4.0+). */
        boolean hasServletMapping(Class<?> requestInterface);

        /**
         * Servlet 3.x: the mapping pattern that selected a request without path info, from the registrations of
         * {@code servletContext} (whose API interface is {@code servletContextType}); {@code null} for the default servlet.
         */
        String servletMapping(Object servletContext, Class<?> servletContextType, String servletPath);
    }

    /** Until the core is wired: nothing is followed, so nothing else is ever asked. */
    private static final Hooks NONE = new Hooks() {
        @Override
        public String idHeader() {
            return "X-Request-ID";
        }

        @Override
        public RequestHandle start(String method, String uri, String incomingId, String traceParent) {
            return null;
        }

        @Override
        public String[] routeAttributes() {
            return new String[0];
        }

        @Override
        public String[] errorAttributes() {
            return new String[0];
        }

        @Override
        public void routeTemplate(String template) {
        }

        @Override
        public boolean hasServletMapping(Class<?> requestInterface) {
            return false;
        }

        @Override
        public String servletMapping(Object servletContext, Class<?> servletContextType, String servletPath) {
            return null;
        }
    };

    private static volatile Hooks hooks = NONE;

    private Requests() {
    }

    public static void register(Hooks requests) {
        hooks = requests;
    }

    public static String idHeader() {
        return hooks.idHeader();
    }

    public static RequestHandle start(String method, String uri, String incomingId, String traceParent) {
        return hooks.start(method, uri, incomingId, traceParent);
    }

    public static String[] routeAttributes() {
        return hooks.routeAttributes();
    }

    public static String[] errorAttributes() {
        return hooks.errorAttributes();
    }

    public static void routeTemplate(String template) {
        hooks.routeTemplate(template);
    }

    public static boolean hasServletMapping(Class<?> requestInterface) {
        return hooks.hasServletMapping(requestInterface);
    }

    public static String servletMapping(Object servletContext, Class<?> servletContextType, String servletPath) {
        return hooks.servletMapping(servletContext, servletContextType, servletPath);
    }
}
