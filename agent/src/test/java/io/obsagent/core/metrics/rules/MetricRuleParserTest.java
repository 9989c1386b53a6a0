package io.obsagent.core.metrics.rules;

import io.obsagent.core.config.ConfigProblem;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetricRuleParserTest {

    private final Map<String, String> family = new LinkedHashMap<>();
    private final List<ConfigProblem> problems = new ArrayList<>();

    private List<MetricRule> parse() {
        return MetricRuleParser.parse(family, problems);
    }

    @Test
    void theIssuesExampleGivesThreeRules() {
        family.put("task_created.method", "com.example.tasks.TaskService#create");
        family.put("task_created.type", "counter");
        family.put("task_created.help", "Tasks created");
        family.put("task_active.type", "updown");
        family.put("task_active.increment", "com.example.tasks.TaskService#create");
        family.put("task_active.decrement", "com.example.tasks.TaskService#delete");
        family.put("task_save.type", "timer");
        family.put("task_save.method", "com.example.tasks.TaskRepository#save");

        List<MetricRule> rules = parse();

        assertThat(problems).isEmpty();
        assertThat(rules).extracting(MetricRule::name).containsExactly("task_created", "task_active", "task_save");
        MetricRule created = rules.get(0);
        assertThat(created.type()).isEqualTo(RuleType.COUNTER);
        assertThat(created.help()).isEqualTo("Tasks created");
        assertThat(created.countsExceptions()).isFalse();
        assertThat(created.targets()).extracting(RuleTarget::key).containsExactly("metrics.rules.task_created.method");
        MetricRule active = rules.get(1);
        assertThat(active.targets()).extracting(RuleTarget::field).containsExactly("increment", "decrement");
        assertThat(active.targets().get(1).pattern().matchesName("delete")).isTrue();
        assertThat(rules.get(2).type()).isEqualTo(RuleType.TIMER);
    }

    @Test
    void typeIsCaseInsensitiveAndOnExceptionCountsThrows() {
        family.put("task_failures.type", " Counter ");
        family.put("task_failures.method", "com.example.tasks.TaskService#create");
        family.put("task_failures.on", "exception");

        MetricRule rule = parse().get(0);

        assertThat(rule.countsExceptions()).isTrue();
        assertThat(rule.help()).isEqualTo("Calls of com.example.tasks.TaskService#create that threw");
    }

    @Test
    void withoutHelpTheTextSaysWhatIsMeasured() {
        family.put("a_total.type", "counter");
        family.put("a_total.method", "com.example.A#run");
        family.put("b.type", "updown");
        family.put("b.increment", "com.example.B#open");
        family.put("b.decrement", "com.example.B#close");
        family.put("c.type", "timer");
        family.put("c.method", "com.example.C#call");
        family.put("c.help", "  ");

        assertThat(parse()).extracting(MetricRule::help).containsExactly(
                "Calls of com.example.A#run that returned normally",
                "Up on each normal return of com.example.B#open, down on each normal return of com.example.B#close",
                "Duration of calls of com.example.C#call, by outcome");
    }

    @Test
    void anUpdownRuleMayHaveOnlyOneDirection() {
        family.put("opened.type", "updown");
        family.put("opened.decrement", "com.example.B#close");

        assertThat(parse().get(0).targets()).extracting(RuleTarget::field).containsExactly("decrement");
        assertThat(problems).isEmpty();
    }

    @Test
    void eachBadRuleIsReportedOnceAndSkippedWhileTheOthersStay() {
        family.put("good.type", "counter");
        family.put("good.method", "com.example.A#run");
        family.put("bad-name.type", "counter");
        family.put("bad-name.method", "com.example.A#run");
        family.put("kind.type", "gauge");
        family.put("kind.method", "com.example.A#run");
        family.put("nomethod.type", "timer");
        family.put("notype.method", "com.example.A#run");
        family.put("typo.type", "counter");
        family.put("typo.methd", "com.example.A#run");
        family.put("typo.method", "bad pattern");
        family.put("pattern.type", "counter");
        family.put("pattern.method", "com.example.A.run");
        family.put("http_requests.type", "counter");
        family.put("http_requests.method", "com.example.A#run");
        family.put("jvm_things.type", "counter");
        family.put("jvm_things.method", "com.example.A#run");
        family.put("on.type", "counter");
        family.put("on.method", "com.example.A#run");
        family.put("on.on", "always");
        family.put("misfit.type", "timer");
        family.put("misfit.method", "com.example.A#run");
        family.put("misfit.increment", "com.example.A#run");
        family.put("sum_total.type", "updown");
        family.put("sum_total.increment", "com.example.A#run");
        family.put("empty.type", "updown");
        family.put("deep.type.x", "counter");

        assertThat(parse()).extracting(MetricRule::name).containsExactly("good");
        assertThat(problems).extracting(ConfigProblem::key).containsExactly(
                "metrics.rules.bad-name.type",
                "metrics.rules.kind.type",
                "metrics.rules.nomethod.method",
                "metrics.rules.notype.type",
                "metrics.rules.typo.methd",
                "metrics.rules.pattern.method",
                "metrics.rules.http_requests.type",
                "metrics.rules.jvm_things.type",
                "metrics.rules.on.on",
                "metrics.rules.misfit.increment",
                "metrics.rules.sum_total.type",
                "metrics.rules.empty.increment",
                "metrics.rules.deep.type.x");
        assertThat(problems).allSatisfy(p -> assertThat(p.error()).endsWith("; the rule is skipped"));
        assertThat(problems.get(0).error()).contains("'bad-name' is not a valid metric name");
        assertThat(problems.get(1).value()).isEqualTo("gauge");
        assertThat(problems.get(1).error()).startsWith("unknown type 'gauge'");
        assertThat(problems.get(2).value()).isNull();
        assertThat(problems.get(4).error()).startsWith("unknown field 'methd'");
        assertThat(problems.get(5).value()).isEqualTo("com.example.A.run");
        assertThat(problems.get(5).error()).contains("Type#method");
        assertThat(problems.get(6).error()).contains("collides with the agent's own metrics");
        assertThat(problems.get(9).error()).contains("does not apply to timer rules");
        assertThat(problems.get(10).error()).contains("reserves for counters");
    }

    @Test
    void aNameStartingWithADigitIsRefused() {
        family.put("1st.type", "counter");
        family.put("1st.method", "com.example.A#run");

        assertThat(parse()).isEmpty();
        assertThat(problems).singleElement().extracting(ConfigProblem::key).isEqualTo("metrics.rules.1st.type");
    }
}
