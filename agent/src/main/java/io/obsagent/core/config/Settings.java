package io.obsagent.core.config;

import io.obsagent.core.events.Level;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The catalogue of SPEC §1: every fixed key, its default and its parser. */
public final class Settings {

    public static final Setting<String> SERVICE_NAME = Setting.of("service.name", null, Settings::nonEmpty);
    public static final Setting<String> SERVICE_VERSION = Setting.of("service.version", null, Settings::nonEmpty);
    public static final Setting<String> ENVIRONMENT = Setting.of("environment", "development", Settings::nonEmpty);
    public static final Setting<Boolean> SERVER_ENABLED = Setting.of("server.enabled", "true", Settings::bool);
    public static final Setting<String> SERVER_HOST = Setting.of("server.host", "0.0.0.0", Settings::nonEmpty);
    public static final Setting<Integer> SERVER_PORT = Setting.of("server.port", "9464", t -> integer(t, 0, 65535));
    public static final Setting<ServerAuth> SERVER_AUTH = Setting.of("server.auth", null, ServerAuth::parse);
    public static final Setting<String> REQUEST_ID_HEADER = Setting.of("request_id.header", "X-Request-ID", Settings::headerName);
    public static final Setting<Integer> REQUEST_ID_MAX_LENGTH = Setting.of("request_id.max_length", "128", t -> integer(t, 1, 1024));
    public static final Setting<Integer> ENDPOINT_LIMIT = Setting.of("metrics.endpoint_limit", "500", t -> integer(t, 1, 100_000));
    public static final Setting<double[]> BUCKETS = Setting.of("metrics.buckets",
            "0.005,0.01,0.025,0.05,0.1,0.25,0.5,1,2.5,5,10", Settings::buckets);
    public static final Setting<Boolean> ACCESS_LOG = Setting.of("access_log.enabled", "true", Settings::bool);
    public static final Setting<LogTarget> LOG_TARGET = Setting.of("log.target", "stdout", LogTarget::parse);
    public static final Setting<Level> LOG_LEVEL = Setting.of("log.level", "info", Level::parse);
    public static final Setting<Boolean> APP_LOGS_JSON = Setting.of("app_logs.json", "false", Settings::bool);
    public static final Setting<List<ReadyCheckSpec>> READY_CHECKS = Setting.of("ready.checks", null, Settings::readyChecks);
    public static final Setting<Boolean> SECURITY_HEADERS = Setting.of("security_headers.enabled", "false", Settings::bool);
    public static final Setting<Boolean> TRUST_FORWARDED = Setting.of("security_headers.trust_forwarded", "false", Settings::bool);
    public static final Setting<Boolean> ERRORS_JSON = Setting.of("errors.json", "false", Settings::bool);
    public static final Setting<String> CONFIG_FILE = Setting.of("config.file", null, Settings::nonEmpty);

    /** Families whose keys are named by the operator: {@code security_headers.<header>}, {@code metrics.rules.<name>.<field>}. */
    public static final String SECURITY_HEADER_PREFIX = "security_headers.";
    public static final String RULES_PREFIX = "metrics.rules.";

    private static final Map<String, Setting<?>> BY_KEY = index(SERVICE_NAME, SERVICE_VERSION, ENVIRONMENT,
            SERVER_ENABLED, SERVER_HOST, SERVER_PORT, SERVER_AUTH, REQUEST_ID_HEADER, REQUEST_ID_MAX_LENGTH,
            ENDPOINT_LIMIT, BUCKETS, ACCESS_LOG, LOG_TARGET, LOG_LEVEL, APP_LOGS_JSON, READY_CHECKS,
            SECURITY_HEADERS, TRUST_FORWARDED, ERRORS_JSON, CONFIG_FILE);

    private Settings() {
    }

    public static Map<String, Setting<?>> all() {
        return BY_KEY;
    }

    static Setting<?> byKey(String key) {
        return BY_KEY.get(key);
    }

    /** True for a key of an operator-named family; such keys are validated by the feature that reads them. */
    static boolean isFamilyKey(String key) {
        if (key.startsWith(RULES_PREFIX)) {
            return key.indexOf('.', RULES_PREFIX.length()) > RULES_PREFIX.length() && !key.endsWith(".");
        }
        return key.startsWith(SECURITY_HEADER_PREFIX) && key.length() > SECURITY_HEADER_PREFIX.length()
                && isToken(key.substring(SECURITY_HEADER_PREFIX.length()));
    }

    private static Map<String, Setting<?>> index(Setting<?>... settings) {
        Map<String, Setting<?>> map = new LinkedHashMap<String, Setting<?>>();
        for (Setting<?> s : settings) {
            map.put(s.key(), s);
        }
        return Collections.unmodifiableMap(map);
    }

    private static String nonEmpty(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return t;
    }

    private static Boolean bool(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (t.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("expected true or false");
    }

    private static Integer integer(String text, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("expected a whole number from " + min + " to " + max);
        }
        return value;
    }

    private static String headerName(String text) {
        String t = text.trim();
        if (!isToken(t)) {
            throw new IllegalArgumentException("not a valid HTTP header name");
        }
        return t;
    }

    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static double[] buckets(String text) {
        String[] parts = text.split(",");
        double[] bounds = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                bounds[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + parts[i].trim() + "' is not a number");
            }
            if (!(bounds[i] > 0) || Double.isInfinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1])) {
                throw new IllegalArgumentException("bucket bounds must be positive, finite and increasing");
            }
        }
        return bounds;
    }

    private static List<ReadyCheckSpec> readyChecks(String text) {
        List<ReadyCheckSpec> checks = new ArrayList<ReadyCheckSpec>();
        for (String entry : text.split(",")) {
            if (!entry.trim().isEmpty()) {
                ReadyCheckSpec check = ReadyCheckSpec.parse(entry.trim());
                for (ReadyCheckSpec seen : checks) {
                    if (seen.name().equals(check.name())) {
                        throw new IllegalArgumentException("check '" + check.name() + "' is named twice");
                    }
                }
                checks.add(check);
            }
        }
        return Collections.unmodifiableList(checks);
    }

    /** For messages: the bucket bounds as the operator would write them. */
    static String bucketsText(double[] bounds) {
        String s = Arrays.toString(bounds);
        return s.substring(1, s.length() - 1).replace(" ", "");
    }
}
