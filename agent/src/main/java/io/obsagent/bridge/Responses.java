package io.obsagent.bridge;

/**
 * Entry points of the advice that shapes responses beyond the request-ID header (agent/SPEC.md §2): security
 * headers, the JSON error body, and headers a container cleared before rendering its own error page.
 */
public final class Responses {

    /** What the agent does for responses; registered once the core exists. */
    public interface Hooks {

        /** Security headers for this request as flattened name/value pairs; {@code null} when the feature is off. */
        String[] securityHeaders(boolean secure, String forwardedProto);

        /** The {@code Content-Security-Policy} value for a response of this content type, or {@code null}. */
        String contentSecurityPolicy(String contentType);

        /** Of several values of a security header, the one the application set (which wins over the agent's). */
        String applicationHeaderValue(String name, Iterable<String> values);

        /**
         * With {@code errors.json} on, answers an escaped exception with the JSON error body unless the response
         * is committed; {@code responseType} is the application's HttpServletResponse interface. True when the
         * body was written: the throwable must then not reach the container.
         */
        boolean answerWithJsonError(RequestHandle request, Object response, Class<?> responseType) throws Exception;

        /** A container (code of class {@code container}) cleared the headers to render an error page: set ours again. */
        void errorPageRendering(Class<?> container) throws Exception;
    }

    private static final Hooks NONE = new Hooks() {
        @Override
        public String[] securityHeaders(boolean secure, String forwardedProto) {
            return null;
        }

        @Override
        public String contentSecurityPolicy(String contentType) {
            return null;
        }

        @Override
        public String applicationHeaderValue(String name, Iterable<String> values) {
            return null;
        }

        @Override
        public boolean answerWithJsonError(RequestHandle request, Object response, Class<?> responseType) {
            return false;
        }

        @Override
        public void errorPageRendering(Class<?> container) {
        }
    };

    private static volatile Hooks hooks = NONE;

    private Responses() {
    }

    public static void register(Hooks responses) {
        hooks = responses;
    }

    public static String[] securityHeaders(boolean secure, String forwardedProto) {
        return hooks.securityHeaders(secure, forwardedProto);
    }

    public static String contentSecurityPolicy(String contentType) {
        return hooks.contentSecurityPolicy(contentType);
    }

    public static String applicationHeaderValue(String name, Iterable<String> values) {
        return hooks.applicationHeaderValue(name, values);
    }

    public static boolean answerWithJsonError(RequestHandle request, Object response, Class<?> responseType) throws Exception {
        return hooks.answerWithJsonError(request, response, responseType);
    }

    public static void errorPageRendering(Class<?> container) throws Exception {
        hooks.errorPageRendering(container);
    }
}
