package io.obsagent.bridge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinTask;

/**
 * Entry points of the thread-hop advice (agent/SPEC.md §8): work handed off while a request is current carries
 * that request to the thread that runs it. Outside a request every entry point costs one thread-local read and
 * returns the task unchanged, so tasks submitted outside requests are never touched.
 */
public final class Hops {

    /** Which request the current thread works for, and making it current on a worker; registered once the core exists. */
    public interface Hooks {

        /** The request the current thread works for, or {@code null}. */
        Object current();

        /** Makes {@code request} current on this thread; returns what {@link #leave} restores. */
        Object enter(Object request);

        void leave(Object binding);

        /** A fork/join task of the application's was forked or submitted: it runs as the current request, if any. */
        void forked(Object task);

        /** A worker is about to run {@code task}: its request made current (what {@link #leave} restores), or {@code null}. */
        Object running(Object task);
    }

    private static final Hooks NONE = new Hooks() {
        @Override
        public Object current() {
            return null;
        }

        @Override
        public Object enter(Object request) {
            return null;
        }

        @Override
        public void leave(Object binding) {
        }

        @Override
        public void forked(Object task) {
        }

        @Override
        public Object running(Object task) {
            return null;
        }
    };

    private static volatile Hooks hooks = NONE;

    private Hops() {
    }

    public static void register(Hops.Hooks threadHops) {
        hooks = threadHops;
    }

    /** {@code task} carrying the current request, or {@code task} itself outside a request. */
    public static Runnable runnable(Runnable task) {
        Object request = task == null || task instanceof HopRunnable ? null : hooks.current();
        return request == null ? task : new HopRunnable(task, request);
    }

    public static <V> Callable<V> callable(Callable<V> task) {
        Object request = task == null || task instanceof HopCallable ? null : hooks.current();
        return request == null ? task : new HopCallable<V>(task, request);
    }

    /**
     * A library's callback of interface {@code type}, to run on the library's own thread: a stand-in that runs it
     * with the current request, or {@code callback} itself outside a request.
     */
    public static Object carrying(Object callback, Class<?> type) {
        Object request = callback == null || StandIn.isOne(callback, HopInvocation.class) ? null : hooks.current();
        return request == null ? callback : new HopInvocation(callback, request).proxy(type);
    }

    /**
     * {@code ForkJoinPool.invokeAll/invokeAny}: the pool adapts each callable into a task of its own and hands back
     * those, so a list of carrying callables can stand in for the application's collection.
     */
    public static <T> Collection<? extends Callable<T>> callables(Collection<? extends Callable<T>> tasks) {
        if (tasks == null || hooks.current() == null) {
            return tasks;
        }
        List<Callable<T>> carrying = new ArrayList<Callable<T>>(tasks.size());
        for (Callable<T> task : tasks) {
            carrying.add(callable(task));
        }
        return carrying;
    }

    /**
     * For executors that hand the task object back or keep it where the application sees it: a task the
     * application holds itself ({@code FutureTask}, its own {@code ForkJoinTask}) is left as it is (a
     * {@code FutureTask} captured the request when it was made, a {@code ForkJoinTask} is remembered with it, see
     * {@link #forked}); only plain runnables and the JDK's own
     * {@code CompletableFuture} tasks, which no application holds, are wrapped.
     */
    public static Runnable executed(Runnable task) {
        if (task instanceof java.util.concurrent.FutureTask) {
            return task;
        }
        if (task instanceof ForkJoinTask && !isCompletableFutureTask(task)) {
            forked((ForkJoinTask<?>) task);
            return task;
        }
        return runnable(task);
    }

    /**
     * {@code ForkJoinTask.fork()} and {@code ForkJoinPool.invoke/submit/execute} of a task: the application holds
     * the task and joins it, so it is not wrapped; the request is remembered for it until a worker runs it.
     */
    public static void forked(ForkJoinTask<?> task) {
        if (task != null) {
            hooks.forked(task);
        }
    }

    /** {@code ForkJoinTask.doExec} begins: what {@link #ran} restores, {@code null} for a task forked in no request. */
    public static Object running(ForkJoinTask<?> task) {
        return hooks.running(task);
    }

    /** {@code ForkJoinTask.doExec} ended. */
    public static void ran(Object binding) {
        leave(binding);
    }

    /** {@code ThreadPoolExecutor.remove(task)}: the wrapper queued for the application's {@code task}, else {@code task}. */
    public static Runnable queued(Collection<Runnable> queue, Runnable task) {
        if (task == null || task instanceof HopRunnable) {
            return task;
        }
        for (Runnable queuedTask : queue) {
            if (queuedTask instanceof HopRunnable && ((HopRunnable) queuedTask).task == task) {
                return queuedTask;
            }
        }
        return task;
    }

    /** {@code ThreadPoolExecutor.shutdownNow()}: the application gets back the tasks it gave, not the agent's wrappers. */
    public static void unwrap(List<Runnable> tasks) {
        if (tasks == null) {
            return;
        }
        for (ListIterator<Runnable> it = tasks.listIterator(); it.hasNext(); ) {
            Runnable task = it.next();
            if (task instanceof HopRunnable) {
                it.set(((HopRunnable) task).task);
            }
        }
    }

    private static boolean isCompletableFutureTask(Object task) {
        return task.getClass().getName().startsWith("java.util.concurrent.CompletableFuture$");
    }

    /** Runs on the worker before the task: a fault here is counted, and the task runs anyway. */
    static Object enter(Object request) {
        try {
            return hooks.enter(request);
        } catch (Throwable t) {
            Faults.adviceFailed(t, "ThreadHop");
            return null;
        }
    }

    static void leave(Object binding) {
        if (binding == null) {
            return;
        }
        try {
            hooks.leave(binding);
        } catch (Throwable t) {
            Faults.adviceFailed(t, "ThreadHop");
        }
    }
}
