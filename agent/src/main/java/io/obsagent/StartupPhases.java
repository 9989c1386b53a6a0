package io.obsagent;

import io.obsagent.core.events.AgentEvents;
import io.obsagent.core.events.FieldsEvent;
import io.obsagent.core.events.Level;

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
     * The event, with the CPU time of the thread that calls this (the start thread, when it is done): that thread
     * ends before a profiler could read it from {@code /proc}. Reads the management bean: call it only
     * when the event will be written.
     */
    FieldsEvent withStartThreadCpu() {
        return event.with("start_thread_cpu_ms", millis(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()));
    }

    /** Milliseconds with one decimal, as a string: the event writer's numbers are whole. */
    private static String millis(long nanos) {
        long tenths = TimeUnit.NANOSECONDS.toMicros(nanos) / 100;
        return tenths / 10 + "." + tenths % 10;
    }
}
