package io.obsagent.core.metrics.rules;

import io.obsagent.core.config.ConfigProblem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetricRulesTest {

    private final Map<String, String> family = new LinkedHashMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();

    @Test
    void probeIdsNumberTheTargetsRuleByRuleInConfigurationOrder() {
        family.put("active.type", "updown");
        family.put("active.increment", "com.example.A#create");
        family.put("active.decrement", "com.example.A#remove");
        family.put("broken.type", "nonsense");
        family.put("created.type", "counter");
        family.put("created.method", "com.example.A#create");

        MetricRules rules = MetricRules.parse(family, problems);

        assertThat(rules.targets()).extracting(ProbeTarget::id).containsExactly(0, 1, 2);
        assertThat(rules.targets()).extracting(t -> t.target().key()).containsExactly("metrics.rules.active.increment",
                "metrics.rules.active.decrement", "metrics.rules.created.method");
        assertThat(problems).extracting(ConfigProblem::key).containsExactly("metrics.rules.broken.type");
    }

    @Test
    void noRulesIsEmpty() {
        assertThat(MetricRules.parse(family, problems).isEmpty()).isTrue();
    }

    @Test
    void targetsThatMatchedNothingAreReportedOnceOnly() {
        family.put("created.type", "counter");
        family.put("created.method", "com.example.A#create");
        family.put("active.type", "updown");
        family.put("active.increment", "com.example.A#create");
        family.put("active.decrement", "com.example.A#remove");
        MetricRules rules = MetricRules.parse(family, problems);
        rules.matched(0);
        rules.matched(1);

        List<ConfigProblem> unmatched = rules.unmatchedOnce();

        assertThat(unmatched).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("metrics.rules.active.decrement");
            assertThat(p.value()).isEqualTo("com.example.A#remove");
            assertThat(p.error()).contains("no method of a loaded class matches");
        });
        assertThat(rules.unmatchedOnce()).isEmpty();
    }
}
