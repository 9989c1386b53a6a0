package io.obsagent.server;

import io.obsagent.core.metrics.AgentFaults;
import io.obsagent.core.threads.AgentThreads;

import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The side server's workers: a few daemon threads and a bounded queue. The JDK server's only request and
 * response time limits are JVM-wide system properties, which the agent must not set (SPEC §6), so a
 * watchdog enforces two here instead: the request line and headers must have arrived within
 * {@link #REQUEST_DEADLINE_MILLIS} of a worker taking the connection (probes and scrapers send them in one
 * packet), and the whole exchange must end within {@link #DEADLINE_MILLIS}. A worker past its deadline is
 * interrupted. The JDK server reads and writes with blocking {@code SocketChannel}s, which are
 * interruptible: the interrupt closes that connection, and the worker is free again. Slow-loris clients
 * (headers or body dribbled in, or a response read slowly) thus hold a worker for a bounded time; a probe
 * queued behind more of them than there are workers still waits a deadline per round.
 *
 * <p>When every worker is busy and the queue is full, a new connection is refused work: the executor throws,
 * the JDK server closes the connection, and the drop is counted. An answer of 503 is not possible there:
 * the connection belongs to the JDK server, and its request has not been read yet.
 */
final class WorkerPool implements Executor {

    static final int THREADS = 4;
    static final int QUEUE = 64;
    static final long REQUEST_DEADLINE_MILLIS = 2000;
    static final long DEADLINE_MILLIS = 5000;
    private static final long WATCH_EVERY_MILLIS = 250;

    private final Map<Thread, Exchange> running = new ConcurrentHashMap<Thread, Exchange>();
    private final long requestDeadlineNanos;
    private final long deadlineNanos;
    private final AgentFaults faults;
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor watchdog;

    WorkerPool(AgentFaults faults, long requestDeadlineMillis, long deadlineMillis) {
        this.faults = faults;
        this.requestDeadlineNanos = TimeUnit.MILLISECONDS.toNanos(requestDeadlineMillis);
        this.deadlineNanos = TimeUnit.MILLISECONDS.toNanos(deadlineMillis);
        // core = max: a pool with fewer core threads would queue up to the queue's capacity before growing.
        this.workers = new Workers();
        workers.allowCoreThreadTimeOut(true);
        this.watchdog = new ScheduledThreadPoolExecutor(1, new AgentThreads("http-watchdog"));
        watchdog.scheduleWithFixedDelay(this::interruptOverdue, WATCH_EVERY_MILLIS, WATCH_EVERY_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void execute(Runnable exchange) {
        workers.execute(exchange);
    }

    /** Called by the handler on the worker's thread: the request line and headers have arrived. */
    void requestReceived() {
        Exchange exchange = running.get(Thread.currentThread());
        if (exchange != null) {
            exchange.received = true;
        }
    }

    void stop() {
        watchdog.shutdownNow();
        workers.shutdownNow();
    }

    /** Never throws: a scheduled task that throws is never run again, and the deadline would be gone. */
    private void interruptOverdue() {
        try {
            long now = System.nanoTime();
            for (Exchange exchange : running.values()) {
                if (exchange.interruptIfOverdue(now, exchange.received ? deadlineNanos : requestDeadlineNanos)) {
                    String what = exchange.received
                            ? "an exchange took longer than " + TimeUnit.NANOSECONDS.toMillis(deadlineNanos) + " ms"
                            : "a request did not arrive within " + TimeUnit.NANOSECONDS.toMillis(requestDeadlineNanos) + " ms";
                    faults.report("server_timeout", what + " (slow client); its connection was closed");
                }
            }
        } catch (Throwable t) {
            // Counting failed; the interrupts went out, and the next round comes in a moment.
        }
    }

    /** One exchange on one worker. Ending it and interrupting it exclude each other, so an interrupt never hits the next exchange. */
    private static final class Exchange {
        private final Thread worker;
        private final long startNanos = System.nanoTime();
        private boolean over;
        volatile boolean received;

        Exchange(Thread worker) {
            this.worker = worker;
        }

        synchronized void end() {
            over = true;
        }

        synchronized boolean interruptIfOverdue(long now, long deadlineNanos) {
            if (over || now - startNanos < deadlineNanos) {
                return false;
            }
            over = true;
            worker.interrupt();
            return true;
        }
    }

    private final class Workers extends ThreadPoolExecutor {

        Workers() {
            super(THREADS, THREADS, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<Runnable>(QUEUE),
                    new AgentThreads("http"), new Refusal());
        }

        @Override
        protected void beforeExecute(Thread worker, Runnable task) {
            running.put(worker, new Exchange(worker));
        }

        @Override
        protected void afterExecute(Runnable task, Throwable thrown) {
            Exchange exchange = running.remove(Thread.currentThread());
            if (exchange != null) {
                exchange.end();
            }
            // An interrupt that arrived as the exchange ended must not reach the next one.
            Thread.interrupted();
        }
    }

    /** Counts the refusal, then lets the JDK server see it so that it closes the connection. */
    private final class Refusal implements RejectedExecutionHandler {
        @Override
        public void rejectedExecution(Runnable task, ThreadPoolExecutor executor) {
            faults.report("server_busy", "side server workers and queue full; a connection was dropped");
            throw new RejectedExecutionException("side server busy");
        }
    }
}
