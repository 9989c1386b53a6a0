package io.obsagent.core.metrics.rules;

/** A probe id and the rule target it stands for: what the instrumentation matches and inlines. */
public final class ProbeTarget {

    private final int id;
    private final RuleTarget target;

    ProbeTarget(int id, RuleTarget target) {
        this.id = id;
        this.target = target;
    }

    public int id() {
        return id;
    }

    public RuleTarget target() {
        return target;
    }

    public MethodPattern pattern() {
        return target.pattern();
    }

    @Override
    public String toString() {
        return id + ": " + target.key() + "=" + target.pattern();
    }
}
