package io.obsagent.core.request;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;

/**
 * The request each fork/join task of the application's was forked or submitted in, until a worker runs it
 * (agent/SPEC.md §8). A {@code ForkJoinTask} is the application's own object (it joins that very object), so it
 * cannot be wrapped, and a field cannot be added to the loaded JDK class: the task is a key here, by identity
 * (its class may define {@code equals}) and weakly (a task never run, cancelled in its queue, leaves with it).
 * Bounded: beyond {@link #limit} tasks waiting, a task runs without its request rather than grow the map.
 *
 * <p>A worker asks for every task it runs, in or out of requests: while none waits that is one volatile read.
 */
final class ForkedTasks {

    private final int limit;
    private final Map<Key, RequestContext> requests = new HashMap<Key, RequestContext>();
    private final ReferenceQueue<Object> collected = new ReferenceQueue<Object>();
    /** {@code requests.size()}, readable without the lock. */
    private volatile int waiting;

    ForkedTasks(int limit) {
        this.limit = limit;
    }

    void put(Object task, RequestContext request) {
        synchronized (requests) {
            for (Object gone; (gone = collected.poll()) != null; ) {
                requests.remove(gone);
            }
            if (requests.size() < limit) {
                requests.put(new Key(task, collected), request);
            }
            waiting = requests.size();
        }
    }

    /** The request {@code task} was forked in, forgotten now that it runs; {@code null} for most tasks. */
    RequestContext take(Object task) {
        if (waiting == 0) {
            return null;
        }
        synchronized (requests) {
            RequestContext request = requests.remove(new Key(task, null));
            waiting = requests.size();
            return request;
        }
    }

    int waiting() {
        return waiting;
    }

    /** A task by identity, held weakly; a collected key equals only itself, so it can still be removed. */
    private static final class Key extends WeakReference<Object> {
        private final int hash;

        Key(Object task, ReferenceQueue<Object> queue) {
            super(task, queue);
            hash = System.identityHashCode(task);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            Object task = get();
            return task != null && other instanceof Key && ((Key) other).get() == task;
        }
    }
}
