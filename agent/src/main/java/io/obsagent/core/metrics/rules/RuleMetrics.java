package io.obsagent.core.metrics.rules;

import io.obsagent.bridge.Rules;
import io.obsagent.core.config.ConfigProblem;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The metrics of the rules, and what watched methods report at run time, by probe id.
 *
 * <p>Only the outermost call counts: a per-thread depth per probe means a call that passes through a proxy,
 * an overriding method calling {@code super}, or a recursion is recorded once, by the call that entered first.
 */
public final class RuleMetrics implements Rules.Hooks {

    private final MetricRules rules;
    private final Consumer<ConfigProblem> problems;
    private final Probe[] probes;
    private final ThreadLocal<int[]> depths;

    private RuleMetrics(MetricRules rules, Consumer<ConfigProblem> problems, List<Probe> probes) {
        this.rules = rules;
        this.problems = problems;
        this.probes = probes.toArray(new Probe[0]);
        final int count = this.probes.length;
        this.depths = new ThreadLocal<int[]>() {
            @Override
            protected int[] initialValue() {
                return new int[count];
            }
        };
    }

    /**
     * Registers one metric per rule. A rule whose metric the registry refuses (another rule's metric has the
     * name) is reported to {@code problems} at once; its methods are instrumented all the same (the class file
     * markers were fixed in premain), but record nothing. Later, {@link #requestServed} reports there too.
     */
    public static RuleMetrics register(MetricRules rules, PrometheusRegistry registry, double[] buckets,
                                       Consumer<ConfigProblem> problems) {
        List<Probe> probes = new ArrayList<Probe>();
        for (MetricRule rule : rules.rules()) {
            try {
                probes.addAll(probesOf(rule, registry, buckets));
            } catch (IllegalArgumentException | IllegalStateException refused) {
                problems.accept(new ConfigProblem(MetricRuleParser.PREFIX + rule.name() + ".type", rule.type().text(),
                        "the metric cannot be registered: " + refused.getMessage() + "; the rule is skipped"));
                for (int i = 0; i < rule.targets().size(); i++) {
                    probes.add(Probe.NONE);
                }
            }
        }
        return new RuleMetrics(rules, problems, probes);
    }

    /** One probe per target of the rule, in the same order (which is the order of the probe ids). */
    private static List<Probe> probesOf(MetricRule rule, PrometheusRegistry registry, double[] buckets) {
        List<Probe> made = new ArrayList<Probe>();
        switch (rule.type()) {
            case COUNTER:
                made.add(Probe.counter(Counter.builder().name(rule.name()).help(rule.help()).withoutExemplars()
                        .register(registry), rule.countsExceptions()));
                break;
            case TIMER:
                Histogram timer = Histogram.builder().name(rule.name()).help(rule.help()).unit(Unit.SECONDS)
                        .labelNames("outcome").classicOnly().classicUpperBounds(buckets).withoutExemplars()
                        .register(registry);
                made.add(Probe.timer(timer.labelValues("success"), timer.labelValues("error")));
                break;
            default:
                Gauge gauge = Gauge.builder().name(rule.name()).help(rule.help()).withoutExemplars().register(registry);
                for (RuleTarget target : rule.targets()) {
                    made.add(Probe.upDown(gauge, target.decrements()));
                }
        }
        return made;
    }

    /**
     * A watched method was entered. Returns the start time for a timer's outermost call, else 0; the advice
     * hands it back to {@link #exit}.
     */
    @Override
    public long enter(int probe) {
        int depth = depths.get()[probe]++;
        return depth == 0 && probes[probe].timed ? System.nanoTime() : 0L;
    }

    /** A watched method returned or threw; only the end of the outermost call is recorded. */
    @Override
    public void exit(int probe, long startNanos, Throwable thrown) {
        int[] depth = depths.get();
        int d = depth[probe];
        if (d <= 0) {
            return; // an enter we never saw (it failed, or ran before the agent was ready): keep the count sane
        }
        depth[probe] = d - 1;
        if (d == 1) {
            probes[probe].record(startNanos, thrown);
        }
    }

    /**
     * The application has served a request, so its classes are mostly loaded: the first time, a rule target that
     * has matched no method yet probably names a class or method that does not exist, and is reported.
     */
    public void requestServed() {
        for (ConfigProblem unmatched : rules.unmatchedOnce()) {
            problems.accept(unmatched);
        }
    }
}
