package io.obsagent.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The queries of a Grafana dashboard JSON (Grafana's dashboard model): every panel target's PromQL, and every
 * query variable's {@code label_values(selector, label)}, with Grafana's variables substituted as Grafana would.
 */
final class DashboardQueries {

    /** One panel target: its PromQL as written in the dashboard; instant when the panel asks for one value. */
    record Target(String panel, String expr, boolean instant) {
    }

    /** A query variable: Grafana asks Prometheus for the values of {@code label} among the series of {@code match}. */
    record LabelValues(String variable, String label, String match) {
    }

    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\s*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");

    private final JsonNode dashboard;

    private DashboardQueries(JsonNode dashboard) {
        this.dashboard = dashboard;
    }

    static DashboardQueries read(Path json) throws IOException {
        return new DashboardQueries(new ObjectMapper().readTree(json.toFile()));
    }

    JsonNode json() {
        return dashboard;
    }

    /** Targets of every panel, also of panels inside collapsed rows. */
    List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        collect(dashboard.path("panels"), targets);
        return targets;
    }

    private static void collect(JsonNode panels, List<Target> targets) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                targets.add(new Target(panel.path("title").asText(), target.path("expr").asText(),
                        target.path("instant").asBoolean(false)));
            }
            collect(panel.path("panels"), targets);
        }
    }

    List<LabelValues> labelValues() {
        List<LabelValues> queries = new ArrayList<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asText())) {
                JsonNode query = variable.path("query");
                String text = query.isTextual() ? query.asText() : query.path("query").asText();
                Matcher m = LABEL_VALUES.matcher(text);
                if (!m.matches()) {
                    throw new IllegalStateException("variable " + variable.path("name") + ": not label_values(selector, label): " + text);
                }
                queries.add(new LabelValues(variable.path("name").asText(), m.group(2), m.group(1).trim()));
            }
        }
        return queries;
    }

    /** {@code $name} and {@code ${name}} replaced; a variable without a value is left, so that the query fails. */
    static String substitute(String expr, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1) != null ? m.group(1) : m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
