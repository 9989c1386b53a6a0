package io.obsagent.server;

import io.obsagent.core.threads.AgentThreads;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The side server's workers, which run the endpoints once a request has been read whole. Three lanes of daemon
 * threads with bounded queues, so that no kind of request waits behind another: liveness (one thread; the answer
 * is cached for a second) never waits behind a readiness evaluation that waits for a hanging dependency, and
 * neither waits behind scrapes or anything else (four threads). Threads start on demand and end after a minute idle.
 */
final class WorkerPool {

    /** Which workers answer a request. */
    enum Lane {
        LIVE("http-live", 1), READY("http-ready", 1), OTHER("http", 4);

        final String role;
        final int threads;

        Lane(String role, int threads) {
            this.role = role;
            this.threads = threads;
        }
    }

    /**
     * Requests waiting per lane, beyond which a lane answers 503: with the scrape lane's 4 threads, room for 50
     * scrapers at once (SideServerLoadIT) while the answers to their previous requests are still being finished,
     * and under the loop's 64 connections so that a full lane is seen as such.
     */
    static final int QUEUE = 56;
    /** Every lane's threads together: the most the workers ever run at once. */
    static final int THREADS = Lane.LIVE.threads + Lane.READY.threads + Lane.OTHER.threads;

    private final ThreadPoolExecutor[] lanes = new ThreadPoolExecutor[Lane.values().length];

    WorkerPool() {
        for (Lane lane : Lane.values()) {
            // core = max: a pool with fewer core threads would queue up to the queue's capacity before growing.
            ThreadPoolExecutor pool = new ThreadPoolExecutor(lane.threads, lane.threads, 60, TimeUnit.SECONDS,
                    new ArrayBlockingQueue<Runnable>(QUEUE), new AgentThreads(lane.role));
            pool.allowCoreThreadTimeOut(true);
            lanes[lane.ordinal()] = pool;
        }
    }

    /** Runs the work on the lane; false when its workers and queue are all taken. */
    boolean submit(Lane lane, Runnable work) {
        try {
            lanes[lane.ordinal()].execute(work);
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    void stop() {
        for (ThreadPoolExecutor pool : lanes) {
            pool.shutdownNow();
        }
    }
}
