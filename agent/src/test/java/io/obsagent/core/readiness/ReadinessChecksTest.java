package io.obsagent.core.readiness;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessChecksTest {

    private final ExecutorService pool = ReadinessChecks.pool();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void allChecksOkIsReadyWithEveryCheckListedInOrder() {
        Readiness r = checks(200, fake("app", CheckResult.ok()), fake("database", CheckResult.ok())).current();
        assertThat(r.isReady()).isTrue();
        assertThat(r.checks()).containsExactly(entry("app", "ok"), entry("database", "ok"));
        assertThat(r.error()).isNull();
    }

    @Test
    void errorNamesTheFirstCheckThatIsNotOk() {
        Readiness r = checks(200, fake("app", CheckResult.ok()), failing("database", new IOException("Connection refused")),
                fake("search", CheckResult.failed("HTTP 503"))).current();
        assertThat(r.isReady()).isFalse();
        assertThat(r.checks()).containsExactly(entry("app", "ok"), entry("database", "failed"), entry("search", "failed"));
        assertThat(r.error()).isEqualTo("database: Connection refused");
    }

    @Test
    void startingIsNotReadyAndSaysWhy() {
        Readiness r = checks(200, fake("app", CheckResult.starting("no listening port yet"))).current();
        assertThat(r.isReady()).isFalse();
        assertThat(r.checks()).containsExactly(entry("app", "starting"));
        assertThat(r.error()).isEqualTo("app: no listening port yet");
    }

    @Test
    void anExceptionWithoutMessageIsNamedByItsClass() {
        Readiness r = checks(200, failing("db", new IllegalStateException())).current();
        assertThat(r.error()).isEqualTo("db: java.lang.IllegalStateException");
    }

    @Test
    void checksRunInParallel() {
        CountDownLatch all = new CountDownLatch(3);
        List<ReadyCheck> three = new ArrayList<>();
        for (String name : Arrays.asList("a", "b", "c")) {
            three.add(check(name, () -> {
                all.countDown();
                // Only returns ok when the other two are running at the same time.
                return all.await(1, TimeUnit.SECONDS) ? CheckResult.ok() : CheckResult.failed("ran alone");
            }));
        }
        Readiness r = new ReadinessChecks(three, pool, 2000, 1000, System::nanoTime).current();
        assertThat(r.isReady()).as(String.valueOf(r.error())).isTrue();
    }

    @Test
    void aSlowCheckFailsAtItsTimeoutWithoutHoldingUpTheAnswer() {
        ReadinessChecks checks = new ReadinessChecks(Arrays.asList(fake("app", CheckResult.ok()),
                check("slow", () -> {
                    Thread.sleep(10_000);
                    return CheckResult.ok();
                })), pool, 200, 1000, System::nanoTime);
        long start = System.nanoTime();
        Readiness r = checks.current();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(tookMillis).isBetween(150L, 1500L);
        assertThat(r.checks()).containsExactly(entry("app", "ok"), entry("slow", "failed"));
        assertThat(r.error()).isEqualTo("slow: timed out after 200 ms");
    }

    @Test
    void aCheckStuckPastItsTimeoutIsNotStartedAgainWhileItRuns() throws Exception {
        AtomicInteger starts = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ReadyCheck stuck = check("stuck", () -> {
            starts.incrementAndGet();
            // Ignores interrupts, like a driver blocked in native I/O.
            while (true) {
                try {
                    if (release.await(50, TimeUnit.MILLISECONDS)) {
                        return CheckResult.ok();
                    }
                } catch (InterruptedException ignored) {
                    // keeps waiting
                }
            }
        });
        ReadinessChecks checks = new ReadinessChecks(Arrays.asList(stuck), pool, 100, 0, System::nanoTime);
        assertThat(checks.current().error()).isEqualTo("stuck: timed out after 100 ms");
        assertThat(checks.current().error()).isEqualTo("stuck: the previous check has not finished");
        assertThat(starts).hasValue(1);
        release.countDown();
        awaitTrue(() -> checks.current().isReady());
        assertThat(starts).hasValue(2);
    }

    @Test
    void theAnswerIsCachedForTheCachePeriod() {
        AtomicInteger runs = new AtomicInteger();
        ReadinessChecks checks = checks(1000, check("db", () -> {
            runs.incrementAndGet();
            return CheckResult.ok();
        }));
        checks.current();
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(999));
        checks.current();
        assertThat(runs).hasValue(1);
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1));
        checks.current();
        assertThat(runs).hasValue(2);
    }

    @Test
    void backToBackEvaluationsEachRunTheCheckOnce() {
        AtomicInteger runs = new AtomicInteger();
        ReadinessChecks checks = checks(0, check("db", () -> {
            runs.incrementAndGet();
            return CheckResult.ok();
        }));
        for (int i = 1; i <= 500; i++) {
            Readiness r = checks.current();
            assertThat(r.error()).as("evaluation " + i).isNull();
        }
        assertThat(runs).hasValue(500);
    }

    @Test
    void aProbeStormAsksTheDependencyOnce() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ReadinessChecks checks = checks(1000, check("db", () -> {
            runs.incrementAndGet();
            Thread.sleep(100);
            return CheckResult.ok();
        }));
        List<Thread> probes = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger ready = new AtomicInteger();
        for (int i = 0; i < 50; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    if (checks.current().isReady()) {
                        ready.incrementAndGet();
                    }
                } catch (InterruptedException ignored) {
                }
            });
            t.start();
            probes.add(t);
        }
        go.countDown();
        for (Thread t : probes) {
            t.join(5000);
        }
        assertThat(ready).hasValue(50);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aCheckThatDoesNotApplyIsLeftOut() {
        ReadyCheck absent = new ReadyCheck() {
            public String name() {
                return "database";
            }

            public boolean applies() {
                return false;
            }

            public CheckResult run(int timeoutMillis) {
                throw new AssertionError("must not run");
            }
        };
        Readiness r = checks(200, fake("app", CheckResult.ok()), absent).current();
        assertThat(r.checks()).containsOnlyKeys("app");
        assertThat(r.isReady()).isTrue();
    }

    @Test
    void anInterruptedEvaluationIsNotCached() {
        CountDownLatch release = new CountDownLatch(1);
        ReadinessChecks checks = checks(1000, check("db", () -> {
            release.await();
            return CheckResult.ok();
        }));
        Thread.currentThread().interrupt();
        Readiness interrupted = checks.current();
        assertThat(Thread.interrupted()).isTrue();
        assertThat(interrupted.error()).isEqualTo("db: interrupted");
        // Within the cache period, yet evaluated afresh: the check itself still runs.
        assertThat(checks.current().error()).isEqualTo("db: the previous check has not finished");
        release.countDown();
    }

    @Test
    void aFullPoolIsReportedAsAFailedCheck() {
        ExecutorService refusing = new java.util.concurrent.ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(), new java.util.concurrent.ThreadPoolExecutor.AbortPolicy());
        refusing.shutdown();
        Readiness r = new ReadinessChecks(Arrays.asList(fake("app", CheckResult.ok())), refusing, 200, 1000,
                System::nanoTime).current();
        assertThat(r.error()).isEqualTo("app: no thread free to run the check");
    }

    private ReadinessChecks checks(long cacheMillis, ReadyCheck... checks) {
        return new ReadinessChecks(Arrays.asList(checks), pool, 2000, cacheMillis, clock::get);
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static java.util.Map.Entry<String, String> entry(String k, String v) {
        return new java.util.AbstractMap.SimpleEntry<>(k, v);
    }

    interface Body {
        CheckResult run() throws Exception;
    }

    static ReadyCheck check(String name, Body body) {
        return new ReadyCheck() {
            public String name() {
                return name;
            }

            public CheckResult run(int timeoutMillis) throws Exception {
                return body.run();
            }
        };
    }

    static ReadyCheck fake(String name, CheckResult result) {
        return check(name, () -> result);
    }

    static ReadyCheck failing(String name, Exception e) {
        return check(name, () -> {
            throw e;
        });
    }
}
