package io.obsagent.core.metrics.rules;

import io.obsagent.core.config.ConfigProblem;
import io.obsagent.core.config.Settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the {@code metrics.rules.<name>.<field>} keys into rules. A rule with any fault is skipped as a whole
 * and reported once, naming the first offending key; the other rules are unaffected.
 */
public final class MetricRuleParser {

    static final String PREFIX = Settings.RULES_PREFIX;

    /** Prefixes of the metrics the agent exposes itself (HTTP, JVM, process, its own): a rule may not take them. */
    private static final String[] RESERVED_PREFIXES = {"http_", "jvm_", "process_", "obs_"};

    private MetricRuleParser() {
    }

    /**
     * @param family   the rule keys without their prefix ({@code task_created.method} → value), in source order
     * @param problems receives one problem per skipped rule
     */
    public static List<MetricRule> parse(Map<String, String> family, List<ConfigProblem> problems) {
        List<MetricRule> rules = new ArrayList<MetricRule>();
        for (Map.Entry<String, Map<String, String>> rule : byRule(family).entrySet()) {
            try {
                rules.add(rule(rule.getKey(), rule.getValue()));
            } catch (Rejected r) {
                problems.add(new ConfigProblem(r.key, r.value, r.getMessage() + "; the rule is skipped"));
            }
        }
        return rules;
    }

    /** Rule name → (field → value); the name is everything before the first dot. */
    private static Map<String, Map<String, String>> byRule(Map<String, String> family) {
        Map<String, Map<String, String>> rules = new LinkedHashMap<String, Map<String, String>>();
        for (Map.Entry<String, String> e : family.entrySet()) {
            int dot = e.getKey().indexOf('.');
            String name = e.getKey().substring(0, dot);
            Map<String, String> fields = rules.get(name);
            if (fields == null) {
                fields = new LinkedHashMap<String, String>();
                rules.put(name, fields);
            }
            fields.put(e.getKey().substring(dot + 1), e.getValue());
        }
        return rules;
    }

    private static MetricRule rule(String name, Map<String, String> fields) throws Rejected {
        // Faults of the name itself are blamed on the type key: every rule should have one, and keys from
        // system properties come in no fixed order.
        String anchor = fields.containsKey("type") ? "type" : fields.keySet().iterator().next();
        checkName(name, anchor, fields.get(anchor));
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (!RuleType.isKnownField(field.getKey())) {
                throw new Rejected(name, field.getKey(), field.getValue(), "unknown field '" + field.getKey()
                        + "' (a rule has type, help, and method and on, or increment and decrement)");
            }
        }
        String typeText = fields.get("type");
        if (typeText == null) {
            throw new Rejected(name, "type", null, "the rule has no type: counter, updown or timer");
        }
        RuleType type = RuleType.named(typeText);
        if (type == null) {
            throw new Rejected(name, "type", typeText, "unknown type '" + typeText.trim() + "' (expected counter, updown or timer)");
        }
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (!RuleType.COMMON_FIELDS.contains(field.getKey()) && !type.fields().contains(field.getKey())) {
                throw new Rejected(name, field.getKey(), field.getValue(), "field '" + field.getKey() + "' does not apply to "
                        + type.text() + " rules (they read " + type.fields() + ")");
            }
        }
        if (type != RuleType.COUNTER && name.endsWith("_total")) {
            throw new Rejected(name, "type", typeText, "'" + name + "' ends with _total, which Prometheus reserves for counters");
        }
        List<RuleTarget> targets = targets(name, type, fields);
        boolean onException = countsExceptions(name, fields.get("on"));
        String help = fields.get("help") == null || fields.get("help").trim().isEmpty()
                ? DefaultHelp.of(type, onException, targets) : fields.get("help").trim();
        return new MetricRule(name, type, help, onException, targets);
    }

    private static void checkName(String name, String key, String value) throws Rejected {
        boolean valid = !name.isEmpty() && !Character.isDigit(name.charAt(0));
        for (int i = 0; i < name.length() && valid; i++) {
            char c = name.charAt(i);
            valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
        if (!valid) {
            throw new Rejected(name, key, value, "'" + name + "' is not a valid metric name"
                    + " (letters, digits and _, not starting with a digit)");
        }
        for (String reserved : RESERVED_PREFIXES) {
            if (name.toLowerCase(Locale.ROOT).startsWith(reserved)) {
                throw new Rejected(name, key, value, "'" + name + "' collides with the agent's own metrics"
                        + " (names starting with http_, jvm_, process_ or obs_ are taken)");
            }
        }
    }

    private static List<RuleTarget> targets(String name, RuleType type, Map<String, String> fields) throws Rejected {
        List<RuleTarget> targets = new ArrayList<RuleTarget>();
        for (String field : type.fields()) {
            if (!field.equals("on") && fields.get(field) != null) {
                targets.add(target(name, field, fields.get(field)));
            }
        }
        if (targets.isEmpty()) {
            String missing = type == RuleType.UPDOWN ? "increment" : "method";
            throw new Rejected(name, missing, null, type == RuleType.UPDOWN
                    ? "an updown rule needs increment, decrement or both (Type#method)"
                    : "a " + type.text() + " rule needs method (Type#method)");
        }
        return targets;
    }

    private static RuleTarget target(String name, String field, String value) throws Rejected {
        try {
            return new RuleTarget(name, field, MethodPattern.parse(value));
        } catch (IllegalArgumentException e) {
            throw new Rejected(name, field, value, e.getMessage());
        }
    }

    private static boolean countsExceptions(String name, String on) throws Rejected {
        if (on == null || on.trim().equalsIgnoreCase("success")) {
            return false;
        }
        if (on.trim().equalsIgnoreCase("exception")) {
            return true;
        }
        throw new Rejected(name, "on", on, "expected on=success (the default) or on=exception");
    }

    /** Why a rule is skipped, and the key and value to blame. */
    private static final class Rejected extends Exception {

        private static final long serialVersionUID = 1L;

        final String key;
        final String value;

        Rejected(String rule, String field, String value, String message) {
            super(message, null, false, false);
            this.key = PREFIX + rule + "." + field;
            this.value = value;
        }
    }
}
