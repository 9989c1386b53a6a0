package io.obsagent.instrumentation.logging.log4j1;

import io.obsagent.core.applogs.AppLogFormat;
import io.obsagent.instrumentation.logging.ConsoleSwitch;
import org.apache.log4j.ConsoleAppender;
import org.apache.log4j.Layout;

/**
 * Gives a Log4j 1.2 (or reload4j) {@code ConsoleAppender}, as its options are activated, the {@link AgentConsoleLayout}
 * in place of whatever layout the application configured. Runs beside the application's Log4j in the agent's adapter
 * loader (see {@code AppLogsClassLoader}). An appender without a layout is left: Log4j refuses to append through it.
 */
public final class AgentConsoleSwitch extends ConsoleSwitch<Layout> {

    public AgentConsoleSwitch(AppLogFormat format) {
        super(format);
    }

    @Override
    protected Layout current(Object console) {
        return ((ConsoleAppender) console).getLayout();
    }

    @Override
    protected boolean isAgents(Layout layout) {
        return layout instanceof AgentConsoleLayout;
    }

    @Override
    protected void install(Object console, Layout original) {
        ((ConsoleAppender) console).setLayout(new AgentConsoleLayout(format, original));
    }
}
