package io.obsagent;

import java.lang.instrument.Instrumentation;

/**
 * The {@code -javaagent} entry point. It never throws into the JVM: whatever fails while starting is
 * reported on standard error and the application starts without the agent.
 *
 * <p>This class must not name any bridge type: those have to be loaded from the bootstrap path, which
 * exists only once {@link BootLoaderBridge#install} has run.
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
            long start = System.nanoTime();
            BootLoaderBridge.install(inst);
            OwnLoader.start(args, inst, System.nanoTime() - start);
        } catch (Throwable t) {
            StartupFailure.report("premain", t);
        }
    }
}
