package io.obsagent.instrumentation.concurrent;

import io.obsagent.instrumentation.Advices;
import io.obsagent.instrumentation.TypeInstrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinTask;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

/**
 * The JDK's hand-off points (agent/SPEC.md §8 "Thread hops"), chosen so that the task object the application
 * holds stays the same object. {@code FutureTask} captures the request in its constructor, into the callable it
 * keeps privately: that covers {@code submit}, {@code invokeAll/Any} and every {@code schedule*} (a
 * {@code ScheduledFutureTask} is one), and the future the application gets back is the one that is queued. Only
 * a plain {@code Runnable} given to {@code ThreadPoolExecutor.execute} is queued wrapped; {@code remove} and
 * {@code shutdownNow} see through the wrapper. {@code ForkJoinPool} adapts runnables and callables (those of
 * {@code invokeAll/Any} too) into tasks of its own anyway; {@code CompletableFuture}'s async tasks reach an
 * executor's {@code execute} (JDK 17 starts a thread per task when the common pool has one thread: its
 * {@code ThreadPerTaskExecutor}). A {@code ForkJoinTask} of the application's (or a parallel stream's) is its own
 * object, joined by the application: {@code fork()} and the pool's {@code invoke/submit/execute} of it remember the
 * request for the task, and {@code doExec}, where every task runs, makes it current. A virtual thread (JDK 21+) captures the request where {@code ThreadBuilders} makes it:
 * on older JDKs that class does not exist and nothing matches.
 */
public final class ThreadHopInstrumentation implements TypeInstrumentation {

    static final String THREAD_POOL = "java.util.concurrent.ThreadPoolExecutor";
    static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";
    static final String FUTURE_TASK = "java.util.concurrent.FutureTask";
    static final String FORK_JOIN_TASK = "java.util.concurrent.ForkJoinTask";
    static final String THREAD_PER_TASK = "java.util.concurrent.CompletableFuture$ThreadPerTaskExecutor";
    /**
     * Where every virtual thread is made (JDK 21+: {@code Thread.ofVirtual}, {@code startVirtualThread}, their thread
     * factory). Not {@code VirtualThread} itself: the JVM knows that class by name, and a JDK 25 AOT cache trained
     * with it transformed crashes the JVM that assembles the cache.
     */
    static final String VIRTUAL_THREADS = "java.lang.ThreadBuilders";

    public static final String[] TYPES = {THREAD_POOL, FORK_JOIN_POOL, FUTURE_TASK, THREAD_PER_TASK, VIRTUAL_THREADS,
        FORK_JOIN_TASK};

    @Override
    public List<String> typeNames() {
        return Arrays.asList(TYPES);
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, Advices advices) {
        return builder
                .type(named(THREAD_POOL))
                .transform(advices.advise(named("execute").and(takesArguments(Runnable.class)), ExecutedTaskAdvice.class.getName()))
                .transform(advices.advise(named("remove").and(takesArguments(Runnable.class)), QueuedTaskAdvice.class.getName()))
                .transform(advices.advise(named("shutdownNow").and(takesArguments(0)), DrainedTasksAdvice.class.getName()))
                .type(namedOneOf(FORK_JOIN_POOL, THREAD_PER_TASK))
                .transform(advices.advise(namedOneOf("execute", "submit").and(takesArgument(0, Runnable.class)).and(not(isBridge())),
                        ExecutedTaskAdvice.class.getName()))
                .transform(advices.advise(named("submit").and(takesArguments(java.util.concurrent.Callable.class)).and(not(isBridge())),
                        CallableTaskAdvice.class.getName()))
                .transform(advices.advise(namedOneOf("invokeAll", "invokeAny").and(takesArgument(0, java.util.Collection.class))
                        .and(not(isBridge())), CallableTasksAdvice.class.getName()))
                .transform(advices.advise(namedOneOf("invoke", "submit", "execute").and(takesArguments(ForkJoinTask.class)),
                        ForkedTaskAdvice.class.getName()))
                .type(named(FORK_JOIN_TASK))
                .transform(advices.advise(named("fork").and(takesArguments(0)), ForkAdvice.class.getName()))
                .transform(advices.advise(named("doExec").and(takesArguments(0)), ForkedTaskRunAdvice.class.getName()))
                .type(named(FUTURE_TASK))
                .transform(advices.advise(isConstructor().and(takesArgument(0, Runnable.class)), RunnableTaskAdvice.class.getName()))
                .transform(advices.advise(isConstructor().and(takesArgument(0, java.util.concurrent.Callable.class)),
                        CallableTaskAdvice.class.getName()))
                .type(named(VIRTUAL_THREADS))
                .transform(advices.advise(named("newVirtualThread").and(takesArguments(4)).and(takesArgument(3, Runnable.class)),
                        VirtualThreadTaskAdvice.class.getName()));
    }
}
