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
 * the shape {@code app_logs.format} names. When that is not possible the application's logging is left exactly as
 * it was and one {@code agent_error} per logging library says why; a fault of the agent's own is also counted.
 */
public final class AppLogsJson implements AppLogs.Hooks {

    static final String WHERE = "app_logs.json";

    private final LogbackJsonConsole logback;
    private final Log4jJsonConsole log4j;
    private final AppLogFormat format;
    private final EventWriter events;
    private final AgentSelfMetrics selfMetrics;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public AppLogsJson(EventWriter events, AgentSelfMetrics selfMetrics, AppLogFormat format) {
        this.events = events;
        this.selfMetrics = selfMetrics;
        this.format = format;
        AdapterLoaders loaders = new AdapterLoaders();
        this.logback = new LogbackJsonConsole(loaders, format);
        this.log4j = new Log4jJsonConsole(loaders, format);
    }

    /** A {@code java.util.logging.Handler}'s formatter is being set: a console handler's is wrapped. */
    @Override
    public Object consoleFormatter(Object handler, Object formatter) {
        return AgentConsoleFormatter.forHandler(handler, formatter, format);
    }

    /** A Logback {@code ConsoleAppender} is starting, or a Log4j 2 {@code ConsoleAppender.Builder} is building. */
    @Override
    public void consoleAppenderStarting(Object appenderOrBuilder) {
        Class<?> logbackConsole = LogbackJsonConsole.consoleAppenderType(appenderOrBuilder);
        String library = logbackConsole != null ? "logback" : "log4j";
        try {
            if (logbackConsole != null) {
                logback.switchToJson(appenderOrBuilder, logbackConsole);
            } else {
                log4j.switchToJson(appenderOrBuilder);
            }
        } catch (AppLogsUnsupported unsupported) {
            reportOnce(library, unsupported.getMessage());
        } catch (Throwable fault) {
            selfMetrics.error(WHERE);
            Throwable cause = fault instanceof InvocationTargetException && fault.getCause() != null ? fault.getCause() : fault;
            reportOnce(library, "could not switch the " + library + " console output to JSON, it stays as it is: "
                    + cause);
        }
    }

    private void reportOnce(String library, String error) {
        if (reported.add(library)) {
            events.emit(AgentEvents.error(WHERE, error));
        }
    }
}
