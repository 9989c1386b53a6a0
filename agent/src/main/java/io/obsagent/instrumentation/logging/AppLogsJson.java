package io.obsagent.instrumentation.logging;

import io.obsagent.bridge.AppLogs;
import io.obsagent.core.applogs.AppLogFormat;
import io.obsagent.core.events.AgentEvents;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.metrics.AgentSelfMetrics;
import io.obsagent.instrumentation.logging.jul.AgentConsoleFormatter;

import java.lang.reflect.InvocationTargetException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code app_logs.json=true} (agent/SPEC.md §5): each console appender the application starts (Logback's, Log4j
 * 2's) and each {@code java.util.logging} console handler is switched to JSON, written by {@link AppLogFormat} in
 * the shape {@code app_logs.format} names. When a switch fails, that console is left exactly as it was, the fault
 * is counted and one {@code agent_error} per logging library says why.
 */
public final class AppLogsJson implements AppLogs.Hooks {

    static final String WHERE = "app_logs.json";
    private static final String LOG4J1_SWITCH = "io.obsagent.instrumentation.logging.log4j1.AgentConsoleSwitch";

    private final LogbackJsonConsole logback;
    private final Log4jJsonConsole log4j;
    private final AppLogFormat format;
    private final AdapterLoaders loaders = new AdapterLoaders();
    private final EventWriter events;
    private final AgentSelfMetrics selfMetrics;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public AppLogsJson(EventWriter events, AgentSelfMetrics selfMetrics, AppLogFormat format) {
        this.events = events;
        this.selfMetrics = selfMetrics;
        this.format = format;
        this.logback = new LogbackJsonConsole(loaders, format);
        this.log4j = new Log4jJsonConsole(loaders, format);
    }

    /** A {@code java.util.logging.Handler}'s formatter is being set: a console handler's is wrapped. */
    @Override
    public Object consoleFormatter(Object handler, Object formatter) {
        return AgentConsoleFormatter.forHandler(handler, formatter, format);
    }

    /**
     * A Logback {@code ConsoleAppender} is starting, a Log4j 1.2 one activating its options, or a Log4j 2
     * {@code ConsoleAppender.Builder} is building.
     */
    @Override
    public void consoleAppenderStarting(Object appenderOrBuilder) {
        Class<?> logbackConsole = typeNamed(appenderOrBuilder, JsonConsoleInstrumentation.LOGBACK_CONSOLE);
        Class<?> log4j1Console = logbackConsole != null ? null
                : typeNamed(appenderOrBuilder, JsonConsoleInstrumentation.LOG4J1_CONSOLE);
        String library = logbackConsole != null ? "logback" : log4j1Console != null ? "log4j1" : "log4j";
        try {
            if (logbackConsole != null) {
                logback.switchToJson(appenderOrBuilder, logbackConsole);
            } else if (log4j1Console != null) {
                loaders.switchFor(LOG4J1_SWITCH, log4j1Console.getClassLoader(), AppLogFormat.class, format)
                        .apply(appenderOrBuilder);
            } else {
                log4j.switchToJson(appenderOrBuilder);
            }
        } catch (Throwable fault) {
            selfMetrics.error(WHERE);
            Throwable cause = fault instanceof InvocationTargetException && fault.getCause() != null ? fault.getCause() : fault;
            reportOnce(library, "could not switch the " + library + " console output to JSON, it stays as it is: "
                    + cause);
        }
    }

    /** The class named {@code name} that {@code candidate} is an instance of, or null. */
    static Class<?> typeNamed(Object candidate, String name) {
        for (Class<?> type = candidate.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals(name)) {
                return type;
            }
        }
        return null;
    }

    private void reportOnce(String library, String error) {
        if (reported.add(library)) {
            events.emit(AgentEvents.error(WHERE, error));
        }
    }
}
