package io.obsagent.bridge;

/** A task handed off from a request: runs with that request current, then restores the worker. */
final class HopRunnable implements Runnable {

    final Runnable task;
    private final Object request;

    HopRunnable(Runnable task, Object request) {
        this.task = task;
        this.request = request;
    }

    @Override
    public void run() {
        Object binding = Hops.enter(request);
        try {
            task.run();
        } finally {
            Hops.leave(binding);
        }
    }

    /** Rejection messages and thread dumps name the application's task. */
    @Override
    public String toString() {
        return task.toString();
    }
}
