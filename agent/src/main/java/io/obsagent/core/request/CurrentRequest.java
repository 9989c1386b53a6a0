package io.obsagent.core.request;

/**
 * Which request, if any, the current thread works for (agent/SPEC.md §8). The servlet instrumentation makes a
 * request current for its dispatch, thread-hop instrumentation makes it current for a task handed off from it,
 * and client instrumentation reads it. Making a request current also fills the application's logging context,
 * and leaving restores both to what they were, so a pooled thread never keeps a finished request.
 *
 * <p>Each thread has one mutable slot, set and cleared in place: no {@code ThreadLocal} entry is made or
 * removed per request, and making a request current where none was allocates nothing.
 */
public final class CurrentRequest {

    private final ThreadLocal<Slot> slots = new ThreadLocal<Slot>() {
        @Override
        protected Slot initialValue() {
            return new Slot();
        }
    };
    private final LoggingContext logging;

    public CurrentRequest(LoggingContext logging) {
        this.logging = logging;
    }

    /** The request this thread works for, or {@code null}. */
    public RequestContext get() {
        return slots.get().context;
    }

    /**
     * Makes {@code context} current on this thread until {@link #leave}; returns what {@code leave} restores. On a
     * thread that worked for no request before, the slot's own binding is reused: nothing is allocated.
     */
    public Binding enter(RequestContext context) {
        Slot slot = slots.get();
        RequestContext previous = slot.context;
        slot.context = context;
        try {
            Object loggingScope = logging.enter(context);
            if (previous == null) {
                slot.first.loggingScope = loggingScope;
                return slot.first;
            }
            return new Binding(slot, previous, loggingScope);
        } catch (RuntimeException | Error e) {
            slot.context = previous;
            throw e;
        }
    }

    /** Restores what {@link #enter} replaced, on the thread that entered. */
    public void leave(Binding binding) {
        binding.slot.context = binding.previous;
        logging.exit(binding.loggingScope);
    }

    private static final class Slot {
        RequestContext context;
        /** The binding of a request made current where none was: at most one is in use at a time. */
        final Binding first = new Binding(this, null, null);
    }

    /** What one {@link #enter} replaced: the thread's previous request and logging context. */
    public static final class Binding {
        final Slot slot;
        final RequestContext previous;
        Object loggingScope;

        Binding(Slot slot, RequestContext previous, Object loggingScope) {
            this.slot = slot;
            this.previous = previous;
            this.loggingScope = loggingScope;
        }
    }
}
