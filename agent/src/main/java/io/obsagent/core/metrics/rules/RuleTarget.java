package io.obsagent.core.metrics.rules;

/** One method pattern of a rule, with the configuration field that gave it ({@code method}, {@code increment}, {@code decrement}). */
public final class RuleTarget {

    private final String key;
    private final String field;
    private final MethodPattern pattern;

    RuleTarget(String ruleName, String field, MethodPattern pattern) {
        this.key = MetricRuleParser.PREFIX + ruleName + "." + field;
        this.field = field;
        this.pattern = pattern;
    }

    /** The full configuration key, for messages: {@code metrics.rules.task_active.increment}. */
    public String key() {
        return key;
    }

    public String field() {
        return field;
    }

    public MethodPattern pattern() {
        return pattern;
    }

    boolean decrements() {
        return "decrement".equals(field);
    }

    @Override
    public String toString() {
        return field + "=" + pattern;
    }
}
