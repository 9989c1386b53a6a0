package io.obsagent.core.request;

/**
 * The one place that settles how a request ended (agent/SPEC.md §2.4): which throwable, if any, counts as its
 * unhandled exception, and its final status.
 */
final class Outcome {

    private Outcome() {
    }

    /**
     * What escaped the outermost dispatch; else what was thrown inside it (a nested filter, a re-dispatch, an
     * async error) and not escaped; else what the container or framework recorded as the request's error, which
     * counts only when the status says the server failed (a handled exception rendered as a 4xx does not).
     */
    static Throwable failure(Throwable escaped, Throwable thrownInside, Object recorded, int status) {
        if (escaped != null) {
            return escaped;
        }
        if (thrownInside != null) {
            return thrownInside;
        }
        return recorded instanceof Throwable && status >= 500 ? (Throwable) recorded : null;
    }

    /** A failure recorded on a response that still says success is a 500; an error status stays as it is. */
    static int status(int status, Throwable failure) {
        return failure != null && status < 400 ? 500 : status;
    }
}
