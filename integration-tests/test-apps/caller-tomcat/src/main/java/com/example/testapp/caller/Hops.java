package com.example.testapp.caller;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every kind of hand-off, each on one long-lived single worker so that a leak would show in the next task. Each
 * kind logs "hop KIND" from the task; then, from a thread that never served a request, the same executor runs a
 * task that logs "after KIND": its line must carry no request ID.
 */
final class Hops {

    private static final Logger LOG = LoggerFactory.getLogger(Hops.class);

    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ForkJoinPool forkJoin = new ForkJoinPool(1);
    private final LinkedBlockingQueue<String> afterwards = new LinkedBlockingQueue<>();
    private final Map<String, Hop> kinds = Map.ofEntries(
            Map.entry("execute", () -> executeAndWait(pool, "execute")),
            Map.entry("submit", () -> pool.submit(() -> log("submit")).get()),
            Map.entry("invokeAll", () -> pool.invokeAll(List.of(callable("invokeAll")))),
            Map.entry("invokeAny", () -> pool.invokeAny(List.of(callable("invokeAny")))),
            Map.entry("schedule", () -> scheduler.schedule(() -> log("schedule"), 1, TimeUnit.MILLISECONDS).get()),
            Map.entry("scheduleAtFixedRate", this::fixedRate),
            Map.entry("forkJoinExecute", () -> executeAndWait(forkJoin, "forkJoinExecute")),
            Map.entry("forkJoinSubmit", () -> forkJoin.submit(callable("forkJoinSubmit")).get()),
            Map.entry("forkJoinInvokeAll", () -> forkJoin.invokeAll(List.of(callable("forkJoinInvokeAll")))),
            Map.entry("supplyAsync", () -> CompletableFuture.supplyAsync(supplier("supplyAsync")).get()),
            Map.entry("runAsyncOnPool", () -> CompletableFuture.runAsync(() -> log("runAsyncOnPool"), pool).get()),
            Map.entry("thenApplyAsync", () -> CompletableFuture.completedFuture("x")
                    .thenApplyAsync(x -> log("thenApplyAsync"), pool).get()),
            Map.entry("forkJoinFork", Hops::forkJoinFork),
            Map.entry("forkJoinInvoke", () -> forkJoin.invoke(split("forkJoinInvoke", 2))),
            Map.entry("forkJoinSubmitTask", () -> forkJoin.submit(split("forkJoinSubmitTask", 2)).get()),
            Map.entry("parallelStream", Hops::parallelStream),
            Map.entry("virtualThread", this::virtualThread),
            Map.entry("virtualExecutor", this::virtualExecutor));

    Hops() {
        Thread trigger = new Thread(this::runAfterwards, "after-trigger");
        trigger.setDaemon(true);
        trigger.start();
    }

    void run(String kind) throws Exception {
        kinds.get(kind).run();
        afterwards.put(kind);
    }

    /** A task scheduled from the request that runs after the request ended. */
    void late(String tag) {
        scheduler.schedule(() -> log("late " + tag), 300, TimeUnit.MILLISECONDS);
    }

    /** Executor.execute of a plain runnable, waited for. */
    private static void executeAndWait(Executor executor, String kind) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        executor.execute(() -> {
            log(kind);
            done.countDown();
        });
        done.await();
    }

    private void fixedRate() throws Exception {
        CountDownLatch done = new CountDownLatch(2);
        ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(() -> {
            if (done.getCount() > 0) {
                log("scheduleAtFixedRate");
                done.countDown();
            }
        }, 0, 5, TimeUnit.MILLISECONDS);
        done.await();
        f.cancel(false);
    }


    /**
     * The application's own task forked from the request thread (so onto the common pool), which then waits until
     * a worker ran it: joining at once could run it on the request thread itself.
     */
    private static void forkJoinFork() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        RecursiveAction task = new RecursiveAction() {
            @Override
            protected void compute() {
                log("forkJoinFork");
                ran.countDown();
            }
        };
        task.fork();
        ran.await();
        task.join();
    }

    /**
     * Each element takes a little while, so that the common pool's worker (one, on two CPUs) steals some of the
     * stream's subtasks from the request thread.
     */
    private static void parallelStream() {
        IntStream.range(0, 8).parallel().forEach(i -> {
            log("parallelStream");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** A task of the application's that splits itself: one half forked, the other computed, the leaves log. */
    private static RecursiveTask<Integer> split(String kind, int depth) {
        return new RecursiveTask<>() {
            @Override
            protected Integer compute() {
                if (depth == 0) {
                    log(kind);
                    return 1;
                }
                RecursiveTask<Integer> left = split(kind, depth - 1);
                left.fork();
                return split(kind, depth - 1).invoke() + left.join();
            }
        };
    }

    private void virtualThread() throws Exception {
        startVirtual(() -> log("virtualThread")).join();
    }

    /** Thread.ofVirtual().start(task), by reflection: the app also runs on JDK 17, where the kind is not asked for. */
    private static Thread startVirtual(Runnable task) throws Exception {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
        return (Thread) start.invoke(builder, task);
    }

    private void virtualExecutor() throws Exception {
        ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        try {
            virtual.submit(callable("virtualExecutor")).get();
        } finally {
            virtual.shutdown();
        }
    }

    /** Outside any request: the executor of each kind runs one more task. */
    private void runAfterwards() {
        while (true) {
            try {
                String kind = afterwards.take();
                Runnable after = () -> LOG.info("after {}", kind);
                switch (kind) {
                    case "schedule", "scheduleAtFixedRate" -> scheduler.schedule(after, 0, TimeUnit.MILLISECONDS);
                    case "forkJoinExecute", "forkJoinSubmit", "forkJoinInvokeAll", "forkJoinInvoke", "forkJoinSubmitTask" ->
                            forkJoin.execute(after);
                    case "forkJoinFork", "parallelStream" -> ForkJoinPool.commonPool().execute(after);
                    case "supplyAsync" -> CompletableFuture.runAsync(after);
                    case "virtualThread", "virtualExecutor" -> startVirtual(after);
                    default -> pool.execute(after);
                }
            } catch (Exception e) {
                LOG.warn("after-trigger failed", e);
            }
        }
    }

    private static String log(String kind) {
        LOG.info("hop {}", kind);
        return kind;
    }

    private static Callable<String> callable(String kind) {
        return () -> log(kind);
    }

    private static Supplier<String> supplier(String kind) {
        return () -> log(kind);
    }

    private interface Hop {
        void run() throws Exception;
    }
}
