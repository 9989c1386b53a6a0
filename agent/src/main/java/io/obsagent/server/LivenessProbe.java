package io.obsagent.server;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * {@code /health/live}: the JVM is healthy unless it reports deadlocked threads. Deadlock detection
 * stops the JVM at a safepoint, so the answer is reused for a second whatever the probe rate.
 */
final class LivenessProbe {

    /** Names of the threads the JVM finds deadlocked; empty when there are none. */
    interface DeadlockFinder {
        List<String> deadlockedThreads();
    }

    static final long CACHE_MILLIS = 1000;
    private static final int NAMES_SHOWN = 10;

    private final DeadlockFinder finder;
    private final long cacheNanos;
    private final LongSupplier nanoClock;
    private String problem;
    private long checkedAtNanos;
    private boolean checked;

    LivenessProbe(DeadlockFinder finder, long cacheMillis, LongSupplier nanoClock) {
        this.finder = finder;
        this.cacheNanos = TimeUnit.MILLISECONDS.toNanos(cacheMillis);
        this.nanoClock = nanoClock;
    }

    static LivenessProbe ofThisJvm() {
        return new LivenessProbe(LivenessProbe::jvmDeadlocks, CACHE_MILLIS, System::nanoTime);
    }

    /** {@code null} while healthy, else the reason, e.g. {@code deadlock: worker-1, worker-2}. */
    synchronized String problem() {
        long now = nanoClock.getAsLong();
        if (!checked || now - checkedAtNanos >= cacheNanos) {
            problem = describe(finder.deadlockedThreads());
            checkedAtNanos = now;
            checked = true;
        }
        return problem;
    }

    private static String describe(List<String> names) {
        if (names.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder("deadlock: ");
        for (int i = 0; i < names.size() && i < NAMES_SHOWN; i++) {
            text.append(i == 0 ? "" : ", ").append(names.get(i));
        }
        if (names.size() > NAMES_SHOWN) {
            text.append(" and ").append(names.size() - NAMES_SHOWN).append(" more");
        }
        return text.toString();
    }

    /** The platform MXBean is first touched here, on the first probe, never during premain. */
    private static List<String> jvmDeadlocks() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] ids = threads.isSynchronizerUsageSupported() ? threads.findDeadlockedThreads()
                : threads.findMonitorDeadlockedThreads();
        if (ids == null) {
            return Collections.emptyList();
        }
        List<String> names = new ArrayList<String>();
        for (ThreadInfo info : threads.getThreadInfo(ids)) {
            if (info != null) {
                names.add(info.getThreadName());
            }
        }
        return names;
    }
}
