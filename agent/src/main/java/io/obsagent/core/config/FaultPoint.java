package io.obsagent.core.config;

/**
 * Tests only: a point in the agent's request path where {@code debug.inject_fault} makes the core throw on
 * every request, to prove that a fault inside the agent never reaches the application. Unset, nothing is thrown.
 */
public enum FaultPoint {
    /** The last step of starting a request: after it is counted in flight and its logging context is open. */
    REQUEST_START("request.start"),
    /** The first step of ending a request: before its metrics and access event are recorded. */
    REQUEST_END("request.end");

    private final String text;

    FaultPoint(String text) {
        this.text = text;
    }

    /** Throws the injected fault when this is the configured point. */
    public void failIf(FaultPoint configured) {
        if (configured == this) {
            throw new Injected(text);
        }
    }

    /** The injected fault, which names its point: it is counted there, not under the advice that met it. */
    public static final class Injected extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final String where;

        Injected(String where) {
            super("fault injected at " + where + " (debug.inject_fault)");
            this.where = where;
        }

        public String where() {
            return where;
        }
    }

    @Override
    public String toString() {
        return text;
    }

    static FaultPoint parse(String text) {
        String t = text.trim();
        for (FaultPoint point : values()) {
            if (point.text.equals(t)) {
                return point;
            }
        }
        throw new IllegalArgumentException("expected request.start or request.end");
    }
}
