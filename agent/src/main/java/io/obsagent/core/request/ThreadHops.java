package io.obsagent.core.request;

import io.obsagent.bridge.Hops;

/**
 * A task handed off from a request works for that request (agent/SPEC.md §8): it is current on the worker while
 * the task runs, with the logging context, and the worker's own is restored after. Entering is all it does: a
 * hop neither starts nor ends the request, so the request is never counted again, even when the task outlives it.
 */
public final class ThreadHops implements Hops.Hooks {

    /** Fork/join tasks waiting to run at most: a few parallel streams per request thread. */
    static final int FORKED_LIMIT = 4096;

    private final CurrentRequest current;
    private final ForkedTasks forked = new ForkedTasks(FORKED_LIMIT);

    public ThreadHops(CurrentRequest current) {
        this.current = current;
    }

    @Override
    public Object current() {
        return current.get();
    }

    @Override
    public Object enter(Object request) {
        return current.enter((RequestContext) request);
    }

    @Override
    public void leave(Object binding) {
        current.leave((CurrentRequest.Binding) binding);
    }

    @Override
    public void forked(Object task) {
        RequestContext request = current.get();
        if (request != null) {
            forked.put(task, request);
        }
    }

    @Override
    public Object running(Object task) {
        RequestContext request = forked.take(task);
        return request == null ? null : current.enter(request);
    }

    /** Forked tasks that have not run yet (tests). */
    int forkedWaiting() {
        return forked.waiting();
    }
}
