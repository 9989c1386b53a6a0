package io.obsagent.core.readiness;

import io.obsagent.core.threads.AgentThreads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Runs the readiness checks (agent/SPEC.md §3): all in parallel on a small pool, each answered within its timeout,
 * and the answer cached, so that however many probes arrive a dependency is asked at most once per cache
 * period. Concurrent callers wait for the one evaluation in progress instead of starting their own.
 */
public final class ReadinessChecks {

    public static final int DEFAULT_TIMEOUT_MILLIS = 2000;
    public static final long DEFAULT_CACHE_MILLIS = 1000;
    static final int POOL_THREADS = 4;
    static final int POOL_QUEUE = 32;

    private final List<Slot> slots = new ArrayList<Slot>();
    private final ExecutorService pool;
    private final int timeoutMillis;
    private final long cacheNanos;
    private final LongSupplier nanoClock;
    private final Object evaluation = new Object();
    private Readiness cached;
    private long cachedAtNanos;

    public ReadinessChecks(List<ReadyCheck> checks, ExecutorService pool, int timeoutMillis, long cacheMillis,
                           LongSupplier nanoClock) {
        for (ReadyCheck check : checks) {
            slots.add(new Slot(check));
        }
        this.pool = pool;
        this.timeoutMillis = timeoutMillis;
        this.cacheNanos = TimeUnit.MILLISECONDS.toNanos(cacheMillis);
        this.nanoClock = nanoClock;
    }

    /** With the defaults of agent/SPEC.md §3 on a pool of its own. */
    public static ReadinessChecks of(List<ReadyCheck> checks) {
        return new ReadinessChecks(checks, pool(), DEFAULT_TIMEOUT_MILLIS, DEFAULT_CACHE_MILLIS, System::nanoTime);
    }

    /**
     * A few daemon threads that exist only while checks run. Bounded twice: a check stuck past its timeout
     * keeps its thread, but is never started again while it runs (see {@link Slot}), so stuck checks can
     * hold at most one thread each.
     */
    public static ExecutorService pool() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<Runnable>(POOL_QUEUE), new AgentThreads("ready"));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** The cached answer while it is fresh; otherwise evaluates every check that applies, in parallel. */
    public Readiness current() {
        synchronized (evaluation) {
            if (cached != null && nanoClock.getAsLong() - cachedAtNanos < cacheNanos) {
                return cached;
            }
            Map<String, CheckResult> results = new LinkedHashMap<String, CheckResult>();
            boolean complete = evaluate(results);
            Readiness fresh = new Readiness(results);
            if (complete) {
                // Fresh from the end of the evaluation: a dependency that times out is still asked at most
                // once per cache period, not back to back.
                cached = fresh;
                cachedAtNanos = nanoClock.getAsLong();
            }
            return fresh;
        }
    }

    /** Fills the results in declaration order; false when interrupted, so that the answer is not cached. */
    private boolean evaluate(Map<String, CheckResult> results) {
        Map<Slot, Future<CheckResult>> running = new LinkedHashMap<Slot, Future<CheckResult>>();
        for (Slot slot : slots) {
            if (slot.applies()) {
                running.put(slot, slot.start(pool, timeoutMillis));
            }
        }
        long deadline = nanoClock.getAsLong() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        boolean interrupted = false;
        for (Map.Entry<Slot, Future<CheckResult>> e : running.entrySet()) {
            CheckResult result;
            if (interrupted) {
                result = CheckResult.failed("interrupted");
            } else {
                try {
                    result = e.getValue().get(Math.max(0, deadline - nanoClock.getAsLong()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException slow) {
                    // Interrupting lets a well-behaved check end; one that ignores it keeps its slot busy.
                    e.getValue().cancel(true);
                    result = CheckResult.failed("timed out after " + timeoutMillis + " ms");
                } catch (ExecutionException failed) {
                    result = CheckResult.failed(failed.getCause());
                } catch (InterruptedException stop) {
                    interrupted = true;
                    Thread.currentThread().interrupt();
                    result = CheckResult.failed("interrupted");
                }
            }
            results.put(e.getKey().check.name(), result == null ? CheckResult.failed("no answer") : result);
        }
        return !interrupted;
    }

    /**
     * One check and whether a run of it is queued or going on, even after its caller gave up waiting:
     * idle, then queued, then running, then idle again (or straight back to idle when cancelled in the queue).
     */
    private static final class Slot {
        private static final int IDLE = 0;
        private static final int QUEUED = 1;
        private static final int RUNNING = 2;

        final ReadyCheck check;
        final AtomicInteger phase = new AtomicInteger(IDLE);

        Slot(ReadyCheck check) {
            this.check = check;
        }

        boolean applies() {
            try {
                return check.applies();
            } catch (Throwable t) {
                return true; // then run() reports what is wrong
            }
        }

        Future<CheckResult> start(ExecutorService pool, final int timeoutMillis) {
            if (!phase.compareAndSet(IDLE, QUEUED)) {
                return CompletableFuture.completedFuture(CheckResult.failed("the previous check has not finished"));
            }
            FutureTask<CheckResult> task = new FutureTask<CheckResult>(new Callable<CheckResult>() {
                @Override
                public CheckResult call() throws Exception {
                    if (!phase.compareAndSet(QUEUED, RUNNING)) {
                        return CheckResult.failed("cancelled");
                    }
                    try {
                        return check.run(timeoutMillis);
                    } finally {
                        phase.set(IDLE);
                    }
                }
            }) {
                /**
                 * Frees the slot of a run cancelled while still queued. Only then: a finished run's {@code done()}
                 * may come late, when the next run is already queued.
                 */
                @Override
                protected void done() {
                    if (isCancelled()) {
                        phase.compareAndSet(QUEUED, IDLE);
                    }
                }
            };
            try {
                pool.execute(task);
                return task;
            } catch (RejectedExecutionException busy) {
                phase.set(IDLE);
                return CompletableFuture.completedFuture(CheckResult.failed("no thread free to run the check"));
            }
        }
    }
}
