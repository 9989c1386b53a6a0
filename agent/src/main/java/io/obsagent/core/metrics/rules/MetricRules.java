package io.obsagent.core.metrics.rules;

import io.obsagent.core.config.ConfigProblem;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The valid rules of the configuration, each target numbered with a probe id: rule by rule in configuration
 * order, and within a rule in the order of {@link MetricRule#targets()}. The instrumentation inlines these ids;
 * {@link RuleMetrics} resolves them to data points. Read in premain, since the class file markers come from it.
 */
public final class MetricRules {

    private final List<MetricRule> rules;
    private final List<ProbeTarget> targets;
    private final AtomicIntegerArray matched;
    private final AtomicBoolean unmatchedReported = new AtomicBoolean();

    MetricRules(List<MetricRule> rules) {
        this.rules = Collections.unmodifiableList(rules);
        List<ProbeTarget> numbered = new ArrayList<ProbeTarget>();
        for (MetricRule rule : rules) {
            for (RuleTarget target : rule.targets()) {
                numbered.add(new ProbeTarget(numbered.size(), target));
            }
        }
        this.targets = Collections.unmodifiableList(numbered);
        this.matched = new AtomicIntegerArray(numbered.size());
    }

    /** The rules of {@code metrics.rules.*} ({@code family}: keys without that prefix); each bad rule goes to {@code problems}. */
    public static MetricRules parse(Map<String, String> family, List<ConfigProblem> problems) {
        return new MetricRules(MetricRuleParser.parse(family, problems));
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    List<MetricRule> rules() {
        return rules;
    }

    /** Every target, its probe id being its index. */
    public List<ProbeTarget> targets() {
        return targets;
    }

    /** The instrumentation applied the probe to a method. */
    public void matched(int probe) {
        matched.set(probe, 1);
    }

    /**
     * The first time only: a problem for each target that no loaded class has matched yet. A class may still
     * load later (lazily), so this is a warning, given once the application has served its first request.
     */
    public List<ConfigProblem> unmatchedOnce() {
        if (unmatchedReported.get() || !unmatchedReported.compareAndSet(false, true)) {
            return Collections.emptyList();
        }
        List<ConfigProblem> unmatched = new ArrayList<ConfigProblem>();
        for (ProbeTarget target : targets) {
            if (matched.get(target.id()) == 0) {
                unmatched.add(new ConfigProblem(target.target().key(), target.pattern().toString(),
                        "no method of a loaded class matches this pattern yet; the metric stays unchanged"
                                + " until a matching class loads"));
            }
        }
        return unmatched;
    }
}
