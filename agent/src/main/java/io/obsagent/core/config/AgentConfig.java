package io.obsagent.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The effective configuration: one typed value per key, after precedence, validation and defaults. */
public final class AgentConfig {

    private final Map<Setting<?>, Object> values;
    private final Map<String, String> familyValues;
    private final List<ConfigProblem> problems;

    AgentConfig(Map<Setting<?>, Object> values, Map<String, String> familyValues, List<ConfigProblem> problems) {
        this.values = values;
        this.familyValues = familyValues;
        this.problems = problems;
    }

    /** The value of a key; {@code null} only for keys whose default is "none". */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(setting);
    }

    /** Keys of an operator-named family (e.g. {@code metrics.rules.}) with the prefix removed, in source order. */
    public Map<String, String> family(String prefix) {
        Map<String, String> entries = new LinkedHashMap<String, String>();
        for (Map.Entry<String, String> e : familyValues.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                entries.put(e.getKey().substring(prefix.length()), e.getValue());
            }
        }
        return entries;
    }

    /** Everything unknown or malformed, each once, in the order met. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    /** A copy with one value replaced; used where the agent derives a value after loading (service name). */
    public <T> AgentConfig with(Setting<T> setting, T value) {
        Map<Setting<?>, Object> copy = new LinkedHashMap<Setting<?>, Object>(values);
        copy.put(setting, value);
        return new AgentConfig(Collections.unmodifiableMap(copy), familyValues, problems);
    }

    /** The effective configuration for {@code agent_started}, with every secret masked. */
    public Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<String, String>();
        for (Map.Entry<Setting<?>, Object> e : values.entrySet()) {
            shown.put(e.getKey().key(), Secrets.mask(e.getKey().key(), render(e.getValue())));
        }
        for (Map.Entry<String, String> e : familyValues.entrySet()) {
            shown.put(e.getKey(), Secrets.mask(e.getKey(), e.getValue()));
        }
        return shown;
    }

    private static String render(Object value) {
        if (value == null) {
            return "none";
        }
        if (value instanceof double[]) {
            return Values.bucketsText((double[]) value);
        }
        if (value instanceof List) {
            String s = value.toString();
            return ((List<?>) value).isEmpty() ? "none" : s.substring(1, s.length() - 1).replace(", ", ",");
        }
        return value.toString();
    }
}
