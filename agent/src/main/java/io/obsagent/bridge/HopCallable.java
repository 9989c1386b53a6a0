package io.obsagent.bridge;

import java.util.concurrent.Callable;

/** A callable handed off from a request: runs with that request current, then restores the worker. */
final class HopCallable<V> implements Callable<V> {

    private final Callable<V> task;
    private final Object request;

    HopCallable(Callable<V> task, Object request) {
        this.task = task;
        this.request = request;
    }

    @Override
    public V call() throws Exception {
        Object binding = Hops.enter(request);
        try {
            return task.call();
        } finally {
            Hops.leave(binding);
        }
    }

    @Override
    public String toString() {
        return task.toString();
    }
}
