package io.obsagent.core.request;

import io.obsagent.bridge.Hops;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.atomic.AtomicReference;

import static io.obsagent.core.request.TrackerFixture.exit;
import static org.assertj.core.api.Assertions.assertThat;

/** Work handed off from a request runs as that request on the worker, and leaves the worker as it was. */
class ThreadHopsTest {

    private final TrackerFixture fixture = new TrackerFixture();
    private final RequestTracker tracker = fixture.tracker();

    @BeforeEach
    void register() {
        Hops.register(new ThreadHops(tracker.current()));
    }

    @AfterEach
    void unregister() {
        Hops.register(new ThreadHops(new CurrentRequest(NoLoggingContext.INSTANCE)));
    }

    @Test
    void outsideARequestTheTaskIsHandedOnUnchanged() throws Exception {
        Runnable task = () -> { };
        Callable<String> callable = () -> "x";

        assertThat(Hops.runnable(task)).isSameAs(task);
        assertThat(Hops.callable(callable)).isSameAs(callable);
        assertThat(Hops.executed(task)).isSameAs(task);
    }

    @Test
    void aTaskRunsAsItsRequestOnTheWorkerAndTheWorkerIsRestoredEvenAfterTheRequestEnded() throws Exception {
        RequestContext request = tracker.start("GET", "/hop", "req-1", null);
        AtomicReference<RequestContext> seen = new AtomicReference<>();
        Runnable task = Hops.runnable(() -> seen.set(tracker.current().get()));
        Runnable wrappedTwice = Hops.runnable(task);
        exit(request, null, 200, null);

        AtomicReference<RequestContext> afterwards = new AtomicReference<>(request);
        Thread worker = new Thread(() -> {
            task.run();
            afterwards.set(tracker.current().get());
        });
        worker.start();
        worker.join();

        assertThat(wrappedTwice).isSameAs(task);
        assertThat(seen.get()).isSameAs(request);
        assertThat(afterwards.get()).isNull();
        assertThat(fixture.logging).containsExactly("enter req-1", "exit req-1", "enter req-1", "exit req-1");
        assertThat(fixture.total("http_requests")).isEqualTo(1);
    }

    @Test
    void aTaskRunOnTheRequestsOwnThreadGivesItBackItsRequest() throws Exception {
        RequestContext request = tracker.start("GET", "/caller-runs", "req-2", null);
        Callable<RequestContext> task = Hops.callable(() -> tracker.current().get());

        assertThat(task.call()).isSameAs(request);
        assertThat(tracker.current().get()).isSameAs(request);
        exit(request, null, 200, null);
        assertThat(tracker.current().get()).isNull();
    }

    @Test
    void theCallablesOfAnInvokeAllCarryTheRequestOnlyInsideOne() throws Exception {
        List<Callable<RequestContext>> tasks = List.of(() -> tracker.current().get(), () -> tracker.current().get());
        assertThat(Hops.callables(tasks)).isSameAs(tasks);

        RequestContext request = tracker.start("GET", "/all", "req-4", null);
        List<Callable<RequestContext>> carrying = new ArrayList<>(Hops.callables(tasks));
        exit(request, null, 200, null);

        assertThat(carrying).hasSize(2);
        assertThat(carrying.get(1).call()).isSameAs(request);
        assertThat(tracker.current().get()).isNull();
    }

    @Test
    void tasksTheApplicationHoldsAreNotWrappedButPlainOnesAreAndStayFindable() {
        RequestContext request = tracker.start("GET", "/hold", "req-3", null);
        FutureTask<String> future = new FutureTask<>(() -> "x");
        RunnableAction forkJoinTask = new RunnableAction();
        Runnable plain = () -> { };
        Runnable queued = Hops.executed(plain);
        exit(request, null, 200, null);

        assertThat(Hops.executed(future)).isSameAs(future);
        assertThat(Hops.executed(forkJoinTask)).isSameAs(forkJoinTask);
        assertThat(queued).isNotSameAs(plain).hasToString(plain.toString());
        assertThat(Hops.queued(Arrays.asList(future, queued), plain)).isSameAs(queued);
        List<Runnable> drained = new ArrayList<>(Arrays.asList(future, queued));
        Hops.unwrap(drained);
        assertThat(drained).containsExactly(future, plain);
    }

    @Test
    void aForkJoinTaskForkedInARequestRunsAsItOnTheWorkerOnceAndOutsideOneIsNotRemembered() throws Exception {
        ThreadHops hops = new ThreadHops(tracker.current());
        Hops.register(hops);
        RunnableAction outside = new RunnableAction();
        Hops.forked(outside);
        assertThat(hops.forkedWaiting()).isZero();
        assertThat(Hops.running(outside)).isNull();

        RequestContext request = tracker.start("GET", "/fork", "req-6", null);
        RunnableAction task = new RunnableAction();
        hops.forked(task);
        assertThat(hops.forkedWaiting()).isEqualTo(1);
        exit(request, null, 200, null);

        AtomicReference<RequestContext> seen = new AtomicReference<>();
        AtomicReference<RequestContext> afterwards = new AtomicReference<>(request);
        AtomicReference<Object> secondRun = new AtomicReference<>("not run");
        Thread worker = new Thread(() -> {
            Object binding = hops.running(task);
            seen.set(tracker.current().get());
            hops.leave(binding);
            afterwards.set(tracker.current().get());
            secondRun.set(hops.running(task));
        });
        worker.start();
        worker.join();

        assertThat(seen.get()).isSameAs(request);
        assertThat(afterwards.get()).isNull();
        assertThat(secondRun.get()).isNull();
        assertThat(hops.forkedWaiting()).isZero();
    }

    @Test
    void forkedTasksAreKeptByIdentityAndBoundedAndForgottenWhenCollected() throws Exception {
        RequestContext request = tracker.start("GET", "/bounded", "req-7", null);
        ForkedTasks tasks = new ForkedTasks(2);
        EqualTask first = new EqualTask();
        tasks.put(first, request);
        tasks.put(new EqualTask(), request);
        tasks.put(new EqualTask(), request);
        exit(request, null, 200, null);

        assertThat(tasks.waiting()).isEqualTo(2);
        assertThat(tasks.take(new EqualTask())).isNull();
        assertThat(tasks.take(first)).isSameAs(request);
        for (int i = 0; i < 50 && tasks.waiting() > 0; i++) {
            System.gc();
            Thread.sleep(20);
            tasks.put(first, request);
            tasks.take(first);
        }
        assertThat(tasks.waiting()).isZero();
    }

    /** A task whose class defines equality: the map must still tell two of them apart. */
    private static final class EqualTask extends RecursiveAction {
        @Override
        protected void compute() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof EqualTask;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    /** A library's callback interface, as Apache HttpClient 5's {@code FutureCallback}. */
    public interface Callback {
        RequestContext completed(String result);
    }

    @Test
    void aLibrarysCallbackRunsAsTheRequestOnTheLibrarysThreadOnlyWhenMadeInOne() throws Exception {
        Callback callback = result -> tracker.current().get();
        assertThat(Hops.carrying(callback, Callback.class)).isSameAs(callback);
        assertThat(Hops.carrying(null, Callback.class)).isNull();

        RequestContext request = tracker.start("GET", "/callback", "req-5", null);
        Callback carrying = (Callback) Hops.carrying(callback, Callback.class);
        assertThat(Hops.carrying(carrying, Callback.class)).isSameAs(carrying);
        exit(request, null, 200, null);

        AtomicReference<RequestContext> seen = new AtomicReference<>();
        AtomicReference<RequestContext> afterwards = new AtomicReference<>(request);
        Thread ioThread = new Thread(() -> {
            seen.set(carrying.completed("x"));
            afterwards.set(tracker.current().get());
        });
        ioThread.start();
        ioThread.join();

        assertThat(seen.get()).isSameAs(request);
        assertThat(afterwards.get()).isNull();
        assertThat(carrying).hasToString(callback.toString());
    }

    /** A fork/join task of the application's that is also a runnable: the pool keeps it as it is. */
    private static final class RunnableAction extends RecursiveAction implements Runnable {
        @Override
        protected void compute() {
        }

        @Override
        public void run() {
            invoke();
        }
    }
}
