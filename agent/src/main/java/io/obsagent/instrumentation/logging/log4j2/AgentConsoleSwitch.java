package io.obsagent.instrumentation.logging.log4j2;

import io.obsagent.core.applogs.AppLogFormat;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.Serializable;
import java.lang.reflect.Method;
import java.util.function.Function;

/**
 * Gives a Log4j 2 {@code ConsoleAppender.Builder}, before it builds, the {@link AgentConsoleLayout} in place of
 * whatever layout the application configured (appenders are immutable once built). Runs beside the application's
 * Log4j in the agent's adapter loader (see {@code AppLogsClassLoader}); reached through {@link Function}.
 */
public final class AgentConsoleSwitch implements Function<Object, Boolean> {

    private final AppLogFormat format;

    public AgentConsoleSwitch(AppLogFormat format) {
        this.format = format;
    }

    @Override
    public Boolean apply(Object builder) {
        try {
            Layout<? extends Serializable> current = layout(builder);
            if (current instanceof AgentConsoleLayout) {
                return Boolean.FALSE;
            }
            // No layout given: the appender's own default, the fallback for lines the agent cannot format.
            Layout<? extends Serializable> original = current != null ? current : PatternLayout.createDefaultLayout();
            // setLayout since Log4j 2.12, withLayout before; both on the builder's abstract parent.
            Method set = method(builder, "setLayout", "withLayout");
            set.invoke(builder, new AgentConsoleLayout(format, original));
            return Boolean.TRUE;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this Log4j 2 console builder cannot take a layout", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Layout<? extends Serializable> layout(Object builder) throws ReflectiveOperationException {
        return (Layout<? extends Serializable>) builder.getClass().getMethod("getLayout").invoke(builder);
    }

    private static Method method(Object builder, String name, String olderName) throws NoSuchMethodException {
        try {
            return builder.getClass().getMethod(name, Layout.class);
        } catch (NoSuchMethodException older) {
            return builder.getClass().getMethod(olderName, Layout.class);
        }
    }
}
