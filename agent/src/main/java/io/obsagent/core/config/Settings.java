package io.obsagent.core.config;

import io.obsagent.core.events.AppLogShape;
import io.obsagent.core.events.LogTarget;

import io.obsagent.core.events.Level;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The catalogue of agent/SPEC.md §1: every fixed key, its default and its parser. */
public final class Settings {

    public static final Setting<String> SERVICE_NAME = Setting.of("service.name", null, Setting.Kind.TEXT);
    public static final Setting<String> SERVICE_VERSION = Setting.of("service.version", null, Setting.Kind.TEXT);
    public static final Setting<String> ENVIRONMENT = Setting.of("environment", "development", Setting.Kind.TEXT);
    public static final Setting<Boolean> SERVER_ENABLED = Setting.of("server.enabled", "true", Setting.Kind.BOOLEAN);
    public static final Setting<String> SERVER_HOST = Setting.of("server.host", "0.0.0.0", Setting.Kind.TEXT);
    public static final Setting<Integer> SERVER_PORT = Setting.integer("server.port", "9464", 0, 65535);
    public static final Setting<ServerAuth> SERVER_AUTH = Setting.of("server.auth", null, Setting.Kind.SERVER_AUTH);
    public static final Setting<String> REQUEST_ID_HEADER = Setting.of("request_id.header", "X-Request-ID", Setting.Kind.HEADER_NAME);
    public static final Setting<Integer> REQUEST_ID_MAX_LENGTH = Setting.integer("request_id.max_length", "128", 1, 1024);
    public static final Setting<Integer> ENDPOINT_LIMIT = Setting.integer("metrics.endpoint_limit", "500", 1, 100_000);
    public static final Setting<double[]> BUCKETS = Setting.of("metrics.buckets",
            "0.005,0.01,0.025,0.05,0.1,0.25,0.5,1,2.5,5,10", Setting.Kind.BUCKETS);
    public static final Setting<Boolean> ACCESS_LOG = Setting.of("access_log.enabled", "true", Setting.Kind.BOOLEAN);
    public static final Setting<LogTarget> LOG_TARGET = Setting.of("log.target", "stdout", Setting.Kind.LOG_TARGET);
    public static final Setting<Level> LOG_LEVEL = Setting.of("log.level", "info", Setting.Kind.LOG_LEVEL);
    public static final Setting<Boolean> APP_LOGS_JSON = Setting.of("app_logs.json", "false", Setting.Kind.BOOLEAN);
    public static final Setting<AppLogShape> APP_LOGS_FORMAT = Setting.of("app_logs.format", "agent", Setting.Kind.APP_LOGS_FORMAT);
    public static final Setting<List<ReadyCheckSpec>> READY_CHECKS = Setting.of("ready.checks", null, Setting.Kind.READY_CHECKS);
    public static final Setting<Boolean> SECURITY_HEADERS = Setting.of("security_headers.enabled", "false", Setting.Kind.BOOLEAN);
    public static final Setting<Boolean> TRUST_FORWARDED = Setting.of("security_headers.trust_forwarded", "false", Setting.Kind.BOOLEAN);
    public static final Setting<Boolean> ERRORS_JSON = Setting.of("errors.json", "false", Setting.Kind.BOOLEAN);
    public static final Setting<String> CONFIG_FILE = Setting.of("config.file", null, Setting.Kind.TEXT);
    public static final Setting<Boolean> PROPAGATION_THREADS = Setting.of("propagation.threads", "true", Setting.Kind.BOOLEAN);
    public static final Setting<Boolean> PROPAGATION_REQUEST_ID = Setting.of("propagation.request_id", "true", Setting.Kind.BOOLEAN);
    public static final Setting<String> PROPAGATION_EXCLUDE_HOSTS = Setting.of("propagation.exclude_hosts", null, Setting.Kind.TEXT);
    public static final Setting<Integer> CLIENT_HOST_LIMIT = Setting.integer("metrics.client_host_limit", "100", 1, 100_000);
    /** Tests only: makes the request path throw at this point on every request (see {@link FaultPoint}). */
    public static final Setting<FaultPoint> INJECT_FAULT = Setting.of("debug.inject_fault", null, Setting.Kind.FAULT_POINT);

    /** Families whose keys are named by the operator: {@code security_headers.<header>}, {@code metrics.rules.<name>.<field>}. */
    public static final String SECURITY_HEADER_PREFIX = "security_headers.";
    public static final String RULES_PREFIX = "metrics.rules.";

    private static final Map<String, Setting<?>> BY_KEY = index(SERVICE_NAME, SERVICE_VERSION, ENVIRONMENT,
            SERVER_ENABLED, SERVER_HOST, SERVER_PORT, SERVER_AUTH, REQUEST_ID_HEADER, REQUEST_ID_MAX_LENGTH,
            ENDPOINT_LIMIT, BUCKETS, ACCESS_LOG, LOG_TARGET, LOG_LEVEL, APP_LOGS_JSON, APP_LOGS_FORMAT, READY_CHECKS,
            SECURITY_HEADERS, TRUST_FORWARDED, ERRORS_JSON, CONFIG_FILE, INJECT_FAULT,
            PROPAGATION_THREADS, PROPAGATION_REQUEST_ID, PROPAGATION_EXCLUDE_HOSTS, CLIENT_HOST_LIMIT);

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
                && Values.isToken(key.substring(SECURITY_HEADER_PREFIX.length()));
    }

    private static Map<String, Setting<?>> index(Setting<?>... settings) {
        Map<String, Setting<?>> map = new LinkedHashMap<String, Setting<?>>();
        for (Setting<?> s : settings) {
            map.put(s.key(), s);
        }
        return Collections.unmodifiableMap(map);
    }
}
