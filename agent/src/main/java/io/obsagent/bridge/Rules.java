package io.obsagent.bridge;

/** Entry points of the advice that business-metric rules put into the application's methods (README "Business metrics"). */
public final class Rules {

    /** What the rule metrics do; registered once the core exists. */
    public interface Hooks {

        /** A method watched by probe {@code probe} was entered; returns what {@link #exit} gets back (a start time, or 0). */
        long enter(int probe);

        /** That method returned ({@code thrown} null) or threw. */
        void exit(int probe, long startNanos, Throwable thrown);
    }

    private static final Hooks NONE = new Hooks() {
        @Override
        public long enter(int probe) {
            return 0L;
        }

        @Override
        public void exit(int probe, long startNanos, Throwable thrown) {
        }
    };

    private static volatile Hooks hooks = NONE;

    private Rules() {
    }

    public static void register(Hooks rules) {
        hooks = rules;
    }

    /** {@code probe} is the constant the instrumentation inlined for the rule's target method. */
    public static long enter(int probe) {
        return hooks.enter(probe);
    }

    public static void exit(int probe, long startNanos, Throwable thrown) {
        hooks.exit(probe, startNanos, thrown);
    }
}
