package io.obsagent.core.readiness;

/** The answer of one readiness check: its state as shown in {@code checks}, and why when it is not ok. */
public final class CheckResult {

    /** The values of the {@code checks} object of {@code /health/ready}. */
    public enum State {
        OK("ok"), STARTING("starting"), FAILED("failed");

        private final String text;

        State(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private static final CheckResult OK = new CheckResult(State.OK, null);

    private final State state;
    private final String message;

    private CheckResult(State state, String message) {
        this.state = state;
        this.message = message;
    }

    public static CheckResult ok() {
        return OK;
    }

    /** Not ready yet, and that is expected: the application is still starting. */
    public static CheckResult starting(String why) {
        return new CheckResult(State.STARTING, why);
    }

    public static CheckResult failed(String why) {
        return new CheckResult(State.FAILED, why);
    }

    public static CheckResult failed(Throwable cause) {
        return failed(describe(cause));
    }

    /** The text a throwable gives an operator: its message, or its class name when it has none. */
    static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.trim().isEmpty() ? cause.getClass().getName() : message;
    }

    public State state() {
        return state;
    }

    public boolean isOk() {
        return state == State.OK;
    }

    /** Why the check is not ok; {@code null} when it is. */
    public String message() {
        return message;
    }
}
