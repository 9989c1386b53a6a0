package io.obsagent.core.metrics;

import io.obsagent.core.readiness.CheckResult;
import io.obsagent.core.readiness.ReadinessChecks;
import io.obsagent.core.readiness.ReadyCheck;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ReadinessMetricsTest {

    private final ExecutorService pool = ReadinessChecks.pool();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final AtomicInteger databaseRuns = new AtomicInteger();
    private final AtomicReference<CheckResult> database = new AtomicReference<>(CheckResult.ok());
    private final PrometheusRegistry registry = new PrometheusRegistry();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void readyAndEveryCheckOkAreOnes() {
        register(CheckResult.ok());
        assertThat(ExposedSamples.of(registry)).contains(entry("obs_ready", 1.0),
                entry("obs_ready_check{check=\"app\"}", 1.0), entry("obs_ready_check{check=\"database\"}", 1.0));
    }

    @Test
    void aFailedCheckIsZeroAndSoIsReadiness() {
        register(CheckResult.ok());
        database.set(CheckResult.failed("Connection refused"));
        assertThat(ExposedSamples.of(registry)).contains(entry("obs_ready", 0.0),
                entry("obs_ready_check{check=\"app\"}", 1.0), entry("obs_ready_check{check=\"database\"}", 0.0));
    }

    @Test
    void aStartingCheckIsZero() {
        register(CheckResult.starting("no listening port yet"));
        assertThat(ExposedSamples.of(registry)).contains(entry("obs_ready", 0.0), entry("obs_ready_check{check=\"app\"}", 0.0));
    }

    @Test
    void scrapesWithinTheCachePeriodReuseOneEvaluationAndALaterScrapeSeesTheChange() {
        register(CheckResult.ok());
        ExposedSamples.of(registry);
        ExposedSamples.of(registry);
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(ReadinessChecks.DEFAULT_CACHE_MILLIS - 1));
        database.set(CheckResult.failed("Connection refused"));
        Map<String, Double> cached = ExposedSamples.of(registry);
        assertThat(databaseRuns).hasValue(1);
        assertThat(cached).contains(entry("obs_ready", 1.0));

        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(2));
        Map<String, Double> fresh = ExposedSamples.of(registry);
        assertThat(databaseRuns).hasValue(2);
        assertThat(fresh).contains(entry("obs_ready", 0.0), entry("obs_ready_check{check=\"database\"}", 0.0));
    }

    private void register(CheckResult app) {
        ReadinessChecks checks = new ReadinessChecks(Arrays.asList(check("app", () -> { }, () -> app), check("database",
                databaseRuns::incrementAndGet, database::get)), pool, 500, ReadinessChecks.DEFAULT_CACHE_MILLIS, clock::get);
        ReadinessMetrics.register(registry, checks);
    }

    private static ReadyCheck check(String name, Runnable onRun, java.util.function.Supplier<CheckResult> result) {
        return new ReadyCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CheckResult run(int timeoutMillis) {
                onRun.run();
                return result.get();
            }
        };
    }
}
