package io.obsagent.instrumentation.logging;

import io.obsagent.core.applogs.AppLogFormat;
import io.obsagent.core.events.AppLogShape;

/**
 * Switches a Logback {@code ConsoleAppender} to JSON. In the agent's shape, and in the logstash shape on a Logback
 * older than 1.5, through the agent's own encoder ({@code logback.AgentConsoleSwitch}), which reads only what
 * Logback 1.2 to 1.5 all have; in the logstash shape on Logback 1.5 through logstash-logback-encoder itself
 * ({@code logstash.LogstashConsoleEncoder}), which needs it. Both run beside the application's Logback in an
 * {@link AppLogsClassLoader}.
 */
final class LogbackJsonConsole {

    private static final String LOGSTASH = "io.obsagent.instrumentation.logging.logstash.LogstashConsoleEncoder";
    private static final String AGENT = "io.obsagent.instrumentation.logging.logback.AgentConsoleSwitch";

    private final AdapterLoaders loaders;
    private final AppLogFormat format;

    LogbackJsonConsole(AdapterLoaders loaders, AppLogFormat format) {
        this.loaders = loaders;
        this.format = format;
    }

    /** True when the encoder was replaced. */
    boolean switchToJson(Object appender, Class<?> consoleType) throws Exception {
        ClassLoader logback = consoleType.getClassLoader();
        if (format.shape() == AppLogShape.LOGSTASH) {
            String version = LogbackVersion.of(logback);
            if (version == null || LogbackVersion.atLeast(version, 1, 5)) {
                try {
                    return loaders.switchFor(LOGSTASH, logback, null, null).apply(appender);
                } catch (LinkageError incompatible) {
                    // Stripped metadata hid an older Logback: the agent's encoder writes the same field names.
                    return loaders.switchFor(AGENT, logback, AppLogFormat.class, format).apply(appender);
                }
            }
        }
        return loaders.switchFor(AGENT, logback, AppLogFormat.class, format).apply(appender);
    }
}
