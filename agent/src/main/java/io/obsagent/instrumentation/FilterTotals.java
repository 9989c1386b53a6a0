package io.obsagent.instrumentation;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the class file filter has done so far, on every thread that loaded a class: how many class files it looked
 * at, how many it handed to Byte Buddy, and the time spent filtering, waiting for Byte Buddy and in Byte Buddy. For
 * the start-up breakdown (the {@code agent_startup} event); two clock reads per class load are its whole cost.
 */
public final class FilterTotals {

    private final LongAdder classes = new LongAdder();
    private final LongAdder candidates = new LongAdder();
    private final LongAdder filterNanos = new LongAdder();
    private final LongAdder waitNanos = new LongAdder();
    private final LongAdder transformNanos = new LongAdder();

    void filtered(long nanos, boolean candidate) {
        classes.increment();
        filterNanos.add(nanos);
        if (candidate) {
            candidates.increment();
        }
    }

    void waited(long nanos) {
        waitNanos.add(nanos);
    }

    void transformed(long nanos) {
        transformNanos.add(nanos);
    }

    public long classes() {
        return classes.sum();
    }

    public long candidates() {
        return candidates.sum();
    }

    public long filterNanos() {
        return filterNanos.sum();
    }

    public long waitNanos() {
        return waitNanos.sum();
    }

    public long transformNanos() {
        return transformNanos.sum();
    }
}
