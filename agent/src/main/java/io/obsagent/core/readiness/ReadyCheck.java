package io.obsagent.core.readiness;

/** One named dependency readiness waits for: the application itself, its database, a configured endpoint. */
public interface ReadyCheck {

    /** The key in the {@code checks} object. */
    String name();

    /** False while there is nothing to check (no data source used yet): the check is then left out of the answer. */
    default boolean applies() {
        return true;
    }

    /**
     * Checks once. Its own I/O must give up within {@code timeoutMillis}; {@link ReadinessChecks} stops
     * waiting then anyway. A thrown exception's message becomes the failure text.
     */
    CheckResult run(int timeoutMillis) throws Exception;
}
