package io.obsagent.core.request;

import io.obsagent.bridge.Hops;

/**
 * A task handed off from a request works for that request (agent/SPEC.md §8): it is current on the worker while
 * the task runs, with the logging context, and the worker's own is restored after. Entering is all it does: a
 * hop neither starts nor ends the request, so the request is never counted again, even when the task outlives it.
 */
public final class ThreadHops implements Hops.Hooks {

    private final CurrentRequest current;

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
}
