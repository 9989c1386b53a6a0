package io.obsagent.instrumentation.logging;

import io.obsagent.core.applogs.AppLogFormat;
import io.obsagent.core.events.AppLogShape;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Switches a Log4j 2 console appender, while it is being built, to JSON (Log4j's appenders are immutable once
 * built, so the layout is set on the builder). In the agent's shape through the agent's own layout
 * ({@code log4j2.AgentConsoleSwitch}, beside the application's Log4j in an {@link AppLogsClassLoader}). In the
 * logstash shape through one of Log4j's own JSON layouts, by reflection: the JSON Template Layout when
 * log4j-layout-template-json is present, else the Jackson-based {@code JsonLayout} when Jackson is, else again
 * the agent's layout, which writes the same field names.
 */
final class Log4jJsonConsole {

    private static final String AGENT = "io.obsagent.instrumentation.logging.log4j2.AgentConsoleSwitch";

    private static final String PATTERN_LAYOUT = "org.apache.logging.log4j.core.layout.PatternLayout";
    private static final String LAYOUT = "org.apache.logging.log4j.core.Layout";
    private static final String CONFIGURATION = "org.apache.logging.log4j.core.config.Configuration";
    private static final String DEFAULT_CONFIGURATION = "org.apache.logging.log4j.core.config.DefaultConfiguration";
    private static final String TEMPLATE_LAYOUT = "org.apache.logging.log4j.layout.template.json.JsonTemplateLayout";
    private static final String JACKSON_LAYOUT = "org.apache.logging.log4j.core.layout.JsonLayout";
    private static final String KEY_VALUE_PAIR = "org.apache.logging.log4j.core.util.KeyValuePair";

    /**
     * The field names of logstash-logback-encoder, so that Logback and Log4j applications log the same shape;
     * the MDC ({@code ThreadContext}) is flattened into top-level fields, {@code request_id} among them.
     */
    static final String EVENT_TEMPLATE = "{"
            + "\"@timestamp\":{\"$resolver\":\"timestamp\",\"pattern\":{\"format\":\"yyyy-MM-dd'T'HH:mm:ss.SSSXXX\"}},"
            + "\"@version\":\"1\","
            + "\"message\":{\"$resolver\":\"message\",\"stringified\":true},"
            + "\"logger_name\":{\"$resolver\":\"logger\",\"field\":\"name\"},"
            + "\"thread_name\":{\"$resolver\":\"thread\",\"field\":\"name\"},"
            + "\"level\":{\"$resolver\":\"level\",\"field\":\"name\"},"
            + "\"stack_trace\":{\"$resolver\":\"exception\",\"field\":\"stackTrace\",\"stackTrace\":{\"stringified\":true}},"
            + "\"mdc\":{\"$resolver\":\"mdc\",\"flatten\":true,\"stringified\":true}"
            + "}";

    /** JsonLayout nests the context map; these keys are lifted to the top level with lookups. */
    private static final String[] TOP_LEVEL_KEYS = MdcBinding.KEYS;

    private final AdapterLoaders loaders;
    private final AppLogFormat format;

    Log4jJsonConsole(AdapterLoaders loaders, AppLogFormat format) {
        this.loaders = loaders;
        this.format = format;
    }

    /** True when the layout was replaced. */
    boolean switchToJson(Object builder) throws Exception {
        if (format.shape() == AppLogShape.LOGSTASH) {
            Object layout = call(builder, "getLayout");
            if (layout != null && !layout.getClass().getName().equals(PATTERN_LAYOUT)) {
                // A non-text layout is the application's own choice, as on Logback with logstash-logback-encoder.
                return false;
            }
            ClassLoader log4j = builder.getClass().getClassLoader();
            Object json = log4jJsonLayout(log4j, configuration(builder, log4j));
            if (json != null) {
                builder.getClass().getMethod("setLayout", Class.forName(LAYOUT, false, log4j)).invoke(builder, json);
                return true;
            }
            // Neither of Log4j's JSON layouts: the agent's layout writes the same field names.
        }
        return loaders.switchFor(AGENT, builder.getClass().getClassLoader(), AppLogFormat.class, format).apply(builder);
    }

    /** The JSON Template Layout, else Jackson's {@code JsonLayout}; null when neither is usable here. */
    private static Object log4jJsonLayout(ClassLoader log4j, Object configuration) throws Exception {
        try {
            Object template = templateLayout(log4j, configuration);
            if (template != null) {
                return template;
            }
        } catch (InvocationTargetException unusable) {
            // Present but unusable, typically a fat jar whose Log4j plugin caches were not merged.
        }
        return jacksonLayout(log4j, configuration);
    }

    private static Object templateLayout(ClassLoader log4j, Object configuration) throws Exception {
        Class<?> type = optional(TEMPLATE_LAYOUT, log4j);
        if (type == null) {
            return null;
        }
        Object builder = type.getMethod("newBuilder").invoke(null);
        setConfiguration(builder, configuration, log4j);
        builder.getClass().getMethod("setEventTemplate", String.class).invoke(builder, EVENT_TEMPLATE);
        return call(builder, "build");
    }

    private static Object jacksonLayout(ClassLoader log4j, Object configuration) throws Exception {
        Class<?> type = optional(JACKSON_LAYOUT, log4j);
        if (type == null || optional("com.fasterxml.jackson.databind.ObjectMapper", log4j) == null) {
            return null;
        }
        Object builder = type.getMethod("newBuilder").invoke(null);
        setConfiguration(builder, configuration, log4j);
        for (String flag : new String[]{"setCompact", "setEventEol", "setProperties", "setStacktraceAsString"}) {
            builder.getClass().getMethod(flag, boolean.class).invoke(builder, true);
        }
        Class<?> pairType = Class.forName(KEY_VALUE_PAIR, false, log4j);
        Object pairs = Array.newInstance(pairType, TOP_LEVEL_KEYS.length);
        for (int i = 0; i < TOP_LEVEL_KEYS.length; i++) {
            // ":-" gives an empty value outside requests instead of the unresolved lookup text.
            Array.set(pairs, i, pairType.getConstructor(String.class, String.class)
                    .newInstance(TOP_LEVEL_KEYS[i], "${ctx:" + TOP_LEVEL_KEYS[i] + ":-}"));
        }
        builder.getClass().getMethod("setAdditionalFields", pairs.getClass()).invoke(builder, pairs);
        return call(builder, "build");
    }

    /** The configuration being built; an appender built by hand has none, and the JSON layouts require one. */
    private static Object configuration(Object builder, ClassLoader log4j) throws Exception {
        Object configuration = call(builder, "getConfiguration");
        return configuration != null ? configuration : Class.forName(DEFAULT_CONFIGURATION, true, log4j).newInstance();
    }

    private static void setConfiguration(Object builder, Object configuration, ClassLoader log4j) throws Exception {
        builder.getClass().getMethod("setConfiguration", Class.forName(CONFIGURATION, false, log4j))
                .invoke(builder, configuration);
    }

    private static Object call(Object target, String method) throws Exception {
        Method m = target.getClass().getMethod(method);
        return m.invoke(target);
    }

    private static Class<?> optional(String name, ClassLoader loader) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError absent) {
            return null;
        }
    }
}
