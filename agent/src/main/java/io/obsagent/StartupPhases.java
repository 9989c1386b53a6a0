package io.obsagent;

import io.obsagent.core.events.AgentEvents;
import io.obsagent.core.events.FieldsEvent;
import io.obsagent.core.events.Level;
import io.obsagent.instrumentation.FilterTotals;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;

/**
 * Where the agent's start-up time goes, for {@code scripts/bench.sh --startup}: the wall time of each phase in
 * milliseconds, written as one {@code agent_startup} event at {@code log.level=debug}. The premain phases are
 * marked on the premain thread, the rest on the start thread, which begins after them: one writer at a time.
 */
final class StartupPhases {

    private final FieldsEvent event = new FieldsEvent(Level.DEBUG, AgentEvents.LOGGER, "agent_startup");
    private long last = System.nanoTime();

    StartupPhases(long bridgeNanos) {
        event.with("bridge_ms", millis(bridgeNanos));
    }

    /** The phase that ends now, named {@code <phase>_ms}. */
    void ended(String phase) {
        long now = System.nanoTime();
        event.with(phase + "_ms", millis(now - last));
        last = now;
    }

    /** A count that explains a phase, e.g. the classes retransformed. */
    void count(String name, long value) {
        event.with(name, value);
    }

    /**
     * The CPU time of the thread that calls this (the start thread, when its work is done): that thread ends
     * before a profiler could read it from {@code /proc}. Reads the management bean: call it only when the event
     * will be written.
     */
    void startThreadDone() {
        event.with("start_thread_cpu_ms", millis(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()));
    }

    /**
     * The event, with what the class file filter did on all threads until now (the container's start): class
     * files seen, candidates handed to Byte Buddy, and the time summed over threads spent filtering, waiting for
     * Byte Buddy to be built, and transforming (retransformations included).
     */
    FieldsEvent withFilterTotals(FilterTotals totals) {
        return event.with("classes_filtered", totals.classes()).with("candidates", totals.candidates())
                .with("filter_ms", millis(totals.filterNanos())).with("waited_for_byte_buddy_ms", millis(totals.waitNanos()))
                .with("transform_ms", millis(totals.transformNanos()));
    }

    /** Milliseconds with one decimal, as a string: the event writer's numbers are whole. */
    private static String millis(long nanos) {
        long tenths = TimeUnit.NANOSECONDS.toMicros(nanos) / 100;
        return tenths / 10 + "." + tenths % 10;
    }
}
