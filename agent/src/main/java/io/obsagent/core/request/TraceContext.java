package io.obsagent.core.request;

/**
 * Incoming W3C Trace Context (agent/SPEC.md §8): kept only when valid, so nothing hostile is ever passed on.
 * The agent is no tracer: it neither makes nor changes these, it carries them.
 */
final class TraceContext {

    private static final int TRACEPARENT_LENGTH = 55;
    private static final int MAX_TRACESTATE = 512;

    private TraceContext() {
    }

    /** {@code 00-<32 hex trace-id>-<16 hex parent-id>-<2 hex flags>}, lower case, ids not all zero; else null. */
    static String validParent(String traceParent) {
        if (traceParent == null || traceParent.length() != TRACEPARENT_LENGTH || !traceParent.startsWith("00-")
                || traceParent.charAt(35) != '-' || traceParent.charAt(52) != '-') {
            return null;
        }
        return isHex(traceParent, 3, 35) && isHex(traceParent, 36, 52) && isHex(traceParent, 53, 55)
                && !isZero(traceParent, 3, 35) && !isZero(traceParent, 36, 52) ? traceParent : null;
    }

    /** The trace-id of a valid traceparent. */
    static String traceId(String validParent) {
        return validParent == null ? null : validParent.substring(3, 35);
    }

    /** A tracestate of printable ASCII within the spec's size, else none. */
    static String validState(String traceState) {
        if (traceState == null || traceState.isEmpty() || traceState.length() > MAX_TRACESTATE) {
            return null;
        }
        for (int i = 0; i < traceState.length(); i++) {
            char c = traceState.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return null;
            }
        }
        return traceState;
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
