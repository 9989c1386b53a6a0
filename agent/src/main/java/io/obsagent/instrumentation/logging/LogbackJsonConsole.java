package io.obsagent.instrumentation.logging;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * Switches a Logback {@code ConsoleAppender} to logstash-logback-encoder. The encoder runs in an
 * {@link AppLogsClassLoader} made once per Logback class loader; the switch itself is done there by
 * {@code logstash.LogstashConsoleEncoder}, reached through {@link Function} so that only JDK types cross.
 */
final class LogbackJsonConsole {

    private static final String SWAP = "io.obsagent.instrumentation.logging.logstash.LogstashConsoleEncoder";

    private final EncoderJar jar = new EncoderJar();
    /**
     * The encoder loader per Logback loader. Values are weak: each encoder loader has its Logback loader as
     * parent, so a strong value would keep an undeployed web application's loader alive for ever. Installed
     * encoders keep their loader reachable while the application uses them.
     */
    private final Map<ClassLoader, WeakReference<ClassLoader>> loaders = new WeakHashMap<ClassLoader, WeakReference<ClassLoader>>();

    /** The {@code ch.qos.logback.core.ConsoleAppender} class {@code candidate} is an instance of, or null. */
    static Class<?> consoleAppenderType(Object candidate) {
        for (Class<?> type = candidate.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(JsonConsoleInstrumentation.LOGBACK_CONSOLE)) {
                return type;
            }
        }
        return null;
    }

    /** True when the encoder was replaced; false when the appender already had a non-text encoder, kept as it is. */
    @SuppressWarnings("unchecked")
    boolean switchToJson(Object appender, Class<?> consoleType) throws Exception {
        ClassLoader logback = consoleType.getClassLoader();
        String version = LogbackVersion.of(logback);
        if (version != null && !LogbackVersion.atLeast(version, 1, 5)) {
            throw tooOld(version, null);
        }
        Function<Object, Boolean> swap;
        try {
            swap = (Function<Object, Boolean>) Class.forName(SWAP, true, loaderFor(logback)).newInstance();
            return swap.apply(appender);
        } catch (LinkageError incompatible) {
            throw tooOld(version, incompatible);
        }
    }

    private synchronized ClassLoader loaderFor(ClassLoader logback) throws java.io.IOException {
        WeakReference<ClassLoader> known = loaders.get(logback);
        ClassLoader loader = known == null ? null : known.get();
        if (loader == null) {
            loader = new AppLogsClassLoader(jar.url(), logback);
            loaders.put(logback, new WeakReference<ClassLoader>(loader));
        }
        return loader;
    }

    private static AppLogsUnsupported tooOld(String version, LinkageError cause) {
        return new AppLogsUnsupported("app_logs.json needs Logback 1.5 or later (logstash-logback-encoder 8); this"
                + " application has Logback " + (version == null ? "of unknown version" : version)
                + (cause == null ? "" : " that the encoder cannot run on (" + cause + ")")
                + ": its console output stays as it is");
    }
}
