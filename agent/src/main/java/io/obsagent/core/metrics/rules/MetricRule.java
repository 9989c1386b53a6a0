package io.obsagent.core.metrics.rules;

import java.util.Collections;
import java.util.List;

/** One valid rule of {@code metrics.rules.<name>.*}: the metric it makes and the methods that drive it. */
public final class MetricRule {

    private final String name;
    private final RuleType type;
    private final String help;
    private final boolean countsExceptions;
    private final List<RuleTarget> targets;

    MetricRule(String name, RuleType type, String help, boolean countsExceptions, List<RuleTarget> targets) {
        this.name = name;
        this.type = type;
        this.help = help;
        this.countsExceptions = countsExceptions;
        this.targets = Collections.unmodifiableList(targets);
    }

    /** The rule's name, which is also the metric's name (a counter gets {@code _total}, a timer {@code _seconds}, once). */
    public String name() {
        return name;
    }

    public RuleType type() {
        return type;
    }

    public String help() {
        return help;
    }

    /** For counters: {@code on=exception}, count the calls that threw instead of those that returned. */
    public boolean countsExceptions() {
        return countsExceptions;
    }

    /** One target for counters and timers ({@code method}); one or two for updown ({@code increment}, {@code decrement}). */
    public List<RuleTarget> targets() {
        return targets;
    }

    @Override
    public String toString() {
        return name + " (" + type.text() + ") " + targets;
    }
}
