package io.obsagent.server;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

import static org.assertj.core.api.Assertions.assertThat;

class LivenessProbeTest {

    private final AtomicLong clock = new AtomicLong();
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicReference<List<String>> deadlocked = new AtomicReference<>(Collections.emptyList());
    private final LivenessProbe probe = new LivenessProbe(() -> {
        asked.incrementAndGet();
        return deadlocked.get();
    }, 1000, clock::get);

    @Test
    void healthyWhileNoThreadIsDeadlocked() {
        assertThat(probe.problem()).isNull();
    }

    @Test
    void deadlockedThreadsAreNamed() {
        deadlocked.set(Arrays.asList("worker-1", "worker-2"));
        assertThat(probe.problem()).isEqualTo("deadlock: worker-1, worker-2");
    }

    @Test
    void manyDeadlockedThreadsAreCountedNotAllNamed() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 13; i++) {
            names.add("t" + i);
        }
        deadlocked.set(names);
        assertThat(probe.problem()).isEqualTo("deadlock: t1, t2, t3, t4, t5, t6, t7, t8, t9, t10 and 3 more");
    }

    @Test
    void theJvmIsAskedAtMostOncePerSecond() {
        probe.problem();
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
        deadlocked.set(Collections.singletonList("late"));
        assertThat(probe.problem()).isNull();
        assertThat(asked).hasValue(1);
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        assertThat(probe.problem()).isEqualTo("deadlock: late");
        assertThat(asked).hasValue(2);
    }

    @Test
    void aRealDeadlockIsFoundInThisJvm() throws Exception {
        // Interruptible locks, so that the test can dissolve the deadlock and leave the JVM healthy for other tests.
        ReentrantLock a = new ReentrantLock();
        ReentrantLock b = new ReentrantLock();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread first = lockInOrder("deadlock-test-first", a, b, bothHoldOne);
        Thread second = lockInOrder("deadlock-test-second", b, a, bothHoldOne);
        first.start();
        second.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String problem = null;
            while (problem == null && System.nanoTime() < deadline) {
                Thread.sleep(50);
                problem = LivenessProbe.ofThisJvm().problem();
            }
            assertThat(problem).startsWith("deadlock: ").contains("deadlock-test-first").contains("deadlock-test-second");
        } finally {
            first.interrupt();
            second.interrupt();
            first.join(5000);
            second.join(5000);
        }
        assertThat(LivenessProbe.ofThisJvm().problem()).isNull();
    }

    private static Thread lockInOrder(String name, ReentrantLock one, ReentrantLock two, CountDownLatch bothHoldOne) {
        Thread t = new Thread(() -> {
            try {
                one.lockInterruptibly();
                try {
                    bothHoldOne.countDown();
                    bothHoldOne.await();
                    two.lockInterruptibly();
                    two.unlock();
                } finally {
                    one.unlock();
                }
            } catch (InterruptedException dissolved) {
                // the test is over
            }
        }, name);
        t.setDaemon(true);
        return t;
    }
}
