package io.obsagent.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads agent/SPEC.md §1's sources, highest precedence first: agent argument, {@code obs.*} system property,
 * {@code OBS_*} environment variable, the properties file named by {@code config.file}, the default.
 * Nothing here throws: an unknown key or a bad value becomes a {@link ConfigProblem} and the default is used.
 */
public final class ConfigLoader {

    static final String PROPERTY_PREFIX = "obs.";
    static final String ENV_PREFIX = "OBS_";

    private final List<ConfigProblem> problems = new ArrayList<ConfigProblem>();

    private ConfigLoader() {
    }

    /** Loads from the real JVM: its system properties, environment and file system. */
    public static AgentConfig load(String agentArgs) {
        return load(agentArgs, System.getProperties(), System.getenv());
    }

    public static AgentConfig load(String agentArgs, Properties systemProperties, Map<String, String> env) {
        return new ConfigLoader().resolve(agentArgs, systemProperties, env);
    }

    private AgentConfig resolve(String agentArgs, Properties systemProperties, Map<String, String> env) {
        List<Map<String, String>> sources = new ArrayList<Map<String, String>>();
        sources.add(fromAgentArgs(agentArgs));
        sources.add(fromSystemProperties(systemProperties));
        sources.add(fromEnvironment(env));
        String file = firstValue(sources, Settings.CONFIG_FILE.key());
        if (file != null) {
            sources.add(fromFile(file.trim()));
        }

        Map<Setting<?>, Object> values = new LinkedHashMap<Setting<?>, Object>();
        for (Setting<?> setting : Settings.all().values()) {
            values.put(setting, valueOf(setting, firstValue(sources, setting.key())));
        }
        Map<String, String> family = new LinkedHashMap<String, String>();
        for (int i = sources.size() - 1; i >= 0; i--) {
            for (Map.Entry<String, String> e : sources.get(i).entrySet()) {
                if (Settings.isFamilyKey(e.getKey())) {
                    family.put(e.getKey(), e.getValue());
                }
            }
        }
        return new AgentConfig(Collections.unmodifiableMap(values), Collections.unmodifiableMap(family),
                Collections.unmodifiableList(new ArrayList<ConfigProblem>(new LinkedHashSet<ConfigProblem>(problems))));
    }

    private Object valueOf(Setting<?> setting, String text) {
        if (text != null) {
            try {
                return setting.parse(text);
            } catch (RuntimeException e) {
                problems.add(new ConfigProblem(setting.key(), Secrets.mask(setting.key(), text),
                        e.getMessage() + "; using the default " + (setting.defaultText() == null ? "(none)" : setting.defaultText())));
            }
        }
        return setting.defaultText() == null ? null : setting.parse(setting.defaultText());
    }

    private static String firstValue(List<Map<String, String>> sources, String key) {
        for (Map<String, String> source : sources) {
            String value = source.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /**
     * {@code key=value,key=value}. Some values hold commas themselves ({@code metrics.buckets},
     * {@code ready.checks}), so a piece that does not start with a known key continues the previous value.
     */
    private Map<String, String> fromAgentArgs(String args) {
        Map<String, String> map = new LinkedHashMap<String, String>();
        if (args == null || args.trim().isEmpty()) {
            return map;
        }
        String currentKey = null;
        for (String piece : args.split(",", -1)) {
            int eq = piece.indexOf('=');
            String key = eq > 0 ? piece.substring(0, eq).trim() : null;
            if (key != null && isKnownKey(key)) {
                currentKey = key;
                map.put(key, piece.substring(eq + 1));
            } else if (currentKey != null) {
                map.put(currentKey, map.get(currentKey) + "," + piece);
            } else {
                problems.add(new ConfigProblem(key == null ? piece.trim() : key, eq > 0 ? piece.substring(eq + 1) : "",
                        key == null ? "expected key=value" : "unknown key"));
            }
        }
        return map;
    }

    private Map<String, String> fromSystemProperties(Properties properties) {
        Map<String, String> map = new LinkedHashMap<String, String>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(PROPERTY_PREFIX)) {
                accept(map, name.substring(PROPERTY_PREFIX.length()), properties.getProperty(name), "-D" + name);
            }
        }
        return map;
    }

    private Map<String, String> fromEnvironment(Map<String, String> env) {
        Map<String, String> byEnvName = new LinkedHashMap<String, String>();
        for (String key : Settings.all().keySet()) {
            byEnvName.put(Setting.envName(key), key);
        }
        Map<String, String> map = new LinkedHashMap<String, String>();
        for (Map.Entry<String, String> e : env.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ENV_PREFIX)) {
                continue;
            }
            String key = byEnvName.containsKey(name) ? byEnvName.get(name) : familyKeyOf(name);
            accept(map, key == null ? name : key, e.getValue(), name);
        }
        return map;
    }

    /**
     * Environment names lose the dots of family keys; they come back by convention:
     * {@code OBS_SECURITY_HEADERS_X_FRAME_OPTIONS} is {@code security_headers.x-frame-options},
     * {@code OBS_METRICS_RULES_TASK_CREATED_METHOD} is {@code metrics.rules.task_created.method}.
     */
    static String familyKeyOf(String envName) {
        String headers = Setting.envName(Settings.SECURITY_HEADER_PREFIX);
        String rules = Setting.envName(Settings.RULES_PREFIX);
        if (envName.startsWith(headers) && envName.length() > headers.length()) {
            return Settings.SECURITY_HEADER_PREFIX + envName.substring(headers.length()).toLowerCase(Locale.ROOT).replace('_', '-');
        }
        int lastUnderscore = envName.lastIndexOf('_');
        if (envName.startsWith(rules) && lastUnderscore > rules.length()) {
            String name = envName.substring(rules.length(), lastUnderscore).toLowerCase(Locale.ROOT);
            return Settings.RULES_PREFIX + name + "." + envName.substring(lastUnderscore + 1).toLowerCase(Locale.ROOT);
        }
        return null;
    }

    private Map<String, String> fromFile(String path) {
        Map<String, String> map = new LinkedHashMap<String, String>();
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Paths.get(path))) {
            properties.load(in);
        } catch (IOException | RuntimeException e) {
            problems.add(new ConfigProblem(Settings.CONFIG_FILE.key(), path, "cannot read the file: " + describe(e)));
            return map;
        }
        for (String name : properties.stringPropertyNames()) {
            String key = name.startsWith(PROPERTY_PREFIX) ? name.substring(PROPERTY_PREFIX.length()) : name;
            accept(map, key, properties.getProperty(name), path);
        }
        return map;
    }

    private void accept(Map<String, String> map, String key, String value, String where) {
        if (isKnownKey(key)) {
            map.put(key, value);
        } else {
            problems.add(new ConfigProblem(key, Secrets.mask(key, value), "unknown key (from " + where + ")"));
        }
    }

    private static boolean isKnownKey(String key) {
        return Settings.byKey(key) != null || Settings.isFamilyKey(key);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
