package io.obsagent.core.metrics.rules;

import io.obsagent.core.config.ConfigProblem;
import io.obsagent.core.metrics.ExposedSamples;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RuleMetricsTest {

    private static final double[] BUCKETS = {0.005, 0.01, 0.1, 1};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<String, String> family = new LinkedHashMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();

    private RuleMetrics register() {
        return RuleMetrics.register(MetricRules.parse(family, problems), registry, BUCKETS, problems::add);
    }

    private Map<String, Double> samples() {
        return ExposedSamples.of(registry);
    }

    private void rule(String name, String type, String... fieldsAndValues) {
        family.put(name + ".type", type);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            family.put(name + "." + fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
    }

    private static void call(RuleMetrics rules, int probe, Throwable thrown) {
        long start = rules.enter(probe);
        rules.exit(probe, start, thrown);
    }

    @Test
    void metricsAreExposedUnderTheRuleNameFromTheStartAtZero() {
        rule("task_created", "counter", "method", "com.example.A#create", "help", "Tasks created");
        rule("task_deleted_total", "counter", "method", "com.example.A#delete");
        rule("task_active_count", "updown", "increment", "com.example.A#create", "decrement", "com.example.A#delete");
        rule("task_save", "timer", "method", "com.example.R#save");
        register();

        Map<String, Double> samples = samples();

        assertThat(problems).isEmpty();
        assertThat(samples).containsEntry("task_created_total", 0.0)
                .containsEntry("task_deleted_total", 0.0)
                .containsEntry("task_active_count", 0.0)
                .containsEntry("task_save_seconds_count{outcome=\"success\"}", 0.0)
                .containsEntry("task_save_seconds_count{outcome=\"error\"}", 0.0)
                .containsEntry("task_save_seconds_bucket{outcome=\"success\",le=\"0.005\"}", 0.0);
    }

    @Test
    void countersCountNormalReturnsOrOnlyThrows() {
        rule("created", "counter", "method", "com.example.A#create");
        rule("failed", "counter", "method", "com.example.A#create", "on", "exception");
        RuleMetrics rules = register();

        call(rules, 0, null);
        call(rules, 0, null);
        call(rules, 0, new IllegalStateException());
        call(rules, 1, null);
        call(rules, 1, new IllegalStateException());

        assertThat(samples()).containsEntry("created_total", 2.0).containsEntry("failed_total", 1.0);
    }

    @Test
    void updownMovesOnlyOnNormalReturns() {
        rule("active", "updown", "increment", "com.example.A#create", "decrement", "com.example.A#delete");
        RuleMetrics rules = register();

        call(rules, 0, null);
        call(rules, 0, null);
        call(rules, 0, new IllegalStateException("not created"));
        call(rules, 1, null);
        call(rules, 1, new IllegalStateException("not found"));

        assertThat(samples()).containsEntry("active", 1.0);
    }

    @Test
    void timersRecordDurationByOutcome() {
        rule("save", "timer", "method", "com.example.R#save");
        RuleMetrics rules = register();

        long start = rules.enter(0);
        assertThat(start).isNotZero();
        rules.exit(0, start - 20_000_000L, null);
        call(rules, 0, new RuntimeException());

        Map<String, Double> samples = samples();
        assertThat(samples).containsEntry("save_seconds_count{outcome=\"success\"}", 1.0)
                .containsEntry("save_seconds_bucket{outcome=\"success\",le=\"0.01\"}", 0.0)
                .containsEntry("save_seconds_bucket{outcome=\"success\",le=\"0.1\"}", 1.0)
                .containsEntry("save_seconds_count{outcome=\"error\"}", 1.0);
        assertThat(samples.get("save_seconds_sum{outcome=\"success\"}")).isGreaterThanOrEqualTo(0.02);
    }

    @Test
    void onlyTheOutermostCallOfARuleOnAThreadCounts() {
        rule("created", "counter", "method", "com.example.A#create");
        rule("save", "timer", "method", "com.example.R#save");
        RuleMetrics rules = register();

        long proxy = rules.enter(0);
        long target = rules.enter(0);
        rules.exit(0, target, null);
        rules.exit(0, proxy, null);
        long outer = rules.enter(1);
        assertThat(rules.enter(1)).as("an inner timed call does not read the clock").isZero();
        rules.exit(1, 0, new RuntimeException("caught by the outer call"));
        rules.exit(1, outer, null);

        assertThat(samples()).containsEntry("created_total", 1.0)
                .containsEntry("save_seconds_count{outcome=\"success\"}", 1.0)
                .containsEntry("save_seconds_count{outcome=\"error\"}", 0.0);
    }

    @Test
    void depthIsPerThread() throws Exception {
        rule("created", "counter", "method", "com.example.A#create");
        RuleMetrics rules = register();

        long outer = rules.enter(0);
        Thread other = new Thread(() -> call(rules, 0, null));
        other.start();
        other.join();
        rules.exit(0, outer, null);

        assertThat(samples()).containsEntry("created_total", 2.0);
    }

    @Test
    void anExitWithoutItsEnterIsIgnored() {
        rule("created", "counter", "method", "com.example.A#create");
        RuleMetrics rules = register();

        rules.exit(0, 0, null);
        call(rules, 0, null);

        assertThat(samples()).containsEntry("created_total", 1.0);
    }

    @Test
    void aRuleWhoseMetricNameIsTakenIsSkipped() {
        rule("orders", "counter", "method", "com.example.A#create");
        rule("orders_total", "counter", "method", "com.example.A#create");
        rule("latency_seconds_count", "updown", "increment", "com.example.A#create");
        rule("latency", "timer", "method", "com.example.A#create");
        RuleMetrics rules = register();

        assertThat(problems).extracting(ConfigProblem::key)
                .containsExactly("metrics.rules.orders_total.type", "metrics.rules.latency.type");
        assertThat(problems.get(0).error()).startsWith("the metric cannot be registered: ").endsWith("; the rule is skipped");
        call(rules, 0, null);
        assertThat(samples()).containsEntry("orders_total", 1.0);
    }
}
