package io.obsagent.bridge;

/**
 * Where advice reports the throwables it suppressed. Byte Buddy wraps every piece of advice in a handler that
 * calls {@link #adviceFailed}, so each fault is counted once, in one place, and never reaches the application;
 * the other bridge classes therefore catch nothing themselves.
 */
public final class Faults {

    /** What the agent does with a fault; registered once the core exists. */
    public interface Sink {
        void adviceFailed(String where, Throwable failure);
    }

    private static volatile Sink sink;

    private Faults() {
    }

    public static void register(Sink faults) {
        sink = faults;
    }

    /** Called by the exception handler around every piece of advice; never throws. */
    public static void adviceFailed(Throwable failure, String where) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.adviceFailed(where, failure);
        } catch (Throwable ignored) {
            // Counting the fault failed too; the application must still not notice.
        }
    }
}
