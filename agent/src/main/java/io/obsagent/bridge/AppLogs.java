package io.obsagent.bridge;

/** Entry points of the advice behind {@code app_logs.json}: the application's console output as JSON (agent/SPEC.md §5). */
public final class AppLogs {

    /** What the agent does with the application's console appenders; registered once the core exists. */
    public interface Hooks {

        /** A Logback {@code ConsoleAppender} is about to start, or a Log4j 2 {@code ConsoleAppender.Builder} to build. */
        void consoleAppenderStarting(Object appenderOrBuilder);

        /** What a {@code java.util.logging.Handler} is given when {@code formatter} is set on it. */
        Object consoleFormatter(Object handler, Object formatter);
    }

    private static final Hooks NONE = new Hooks() {
        @Override
        public void consoleAppenderStarting(Object appenderOrBuilder) {
        }

        @Override
        public Object consoleFormatter(Object handler, Object formatter) {
            return formatter;
        }
    };

    private static volatile Hooks hooks = NONE;

    private AppLogs() {
    }

    public static void register(Hooks appLogs) {
        hooks = appLogs;
    }

    public static void consoleAppenderStarting(Object appenderOrBuilder) {
        hooks.consoleAppenderStarting(appenderOrBuilder);
    }

    public static Object consoleFormatter(Object handler, Object formatter) {
        return hooks.consoleFormatter(handler, formatter);
    }
}
