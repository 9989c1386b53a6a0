package io.obsagent.instrumentation.logging.log4j2;

import io.obsagent.core.applogs.AppLogFormat;
import io.obsagent.instrumentation.logging.ConsoleSwitch;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.Serializable;
import java.lang.reflect.Method;

/**
 * Gives a Log4j 2 {@code ConsoleAppender.Builder}, before it builds, the {@link AgentConsoleLayout} in place of
 * whatever layout the application configured (appenders are immutable once built). Runs beside the application's
 * Log4j in the agent's adapter loader (see {@code AppLogsClassLoader}).
 */
public final class AgentConsoleSwitch extends ConsoleSwitch<Layout<? extends Serializable>> {

    public AgentConsoleSwitch(AppLogFormat format) {
        super(format);
    }

    /** With no layout given the appender would make the default pattern: that is the fallback then. */
    @Override
    @SuppressWarnings("unchecked")
    protected Layout<? extends Serializable> current(Object builder) throws ReflectiveOperationException {
        Layout<? extends Serializable> layout = (Layout<? extends Serializable>) builder.getClass().getMethod("getLayout")
                .invoke(builder);
        return layout != null ? layout : PatternLayout.createDefaultLayout();
    }

    @Override
    protected boolean isAgents(Layout<? extends Serializable> layout) {
        return layout instanceof AgentConsoleLayout;
    }

    /** {@code setLayout} since Log4j 2.12, {@code withLayout} before; both on the builder's abstract parent. */
    @Override
    protected void install(Object builder, Layout<? extends Serializable> original) throws ReflectiveOperationException {
        Method set;
        try {
            set = builder.getClass().getMethod("setLayout", Layout.class);
        } catch (NoSuchMethodException older) {
            set = builder.getClass().getMethod("withLayout", Layout.class);
        }
        set.invoke(builder, new AgentConsoleLayout(format, original));
    }
}
