package io.obsagent;

import java.lang.instrument.Instrumentation;

/**
 * The {@code -javaagent} entry point. It never throws into the JVM: whatever fails while starting is
 * reported on standard error and the application starts without the agent.
 */
public final class Agent {

    private Agent() {
    }

    public static void premain(String args, Instrumentation inst) {
        launch(args, inst);
    }

    public static void agentmain(String args, Instrumentation inst) {
        launch(args, inst);
    }

    private static void launch(String args, Instrumentation inst) {
        try {
            AgentRuntime.start(args, inst);
        } catch (Throwable t) {
            StartupFailure.report("premain", t);
        }
    }
}
