package io.obsagent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;

/**
 * Starts the runtime in the loader that ran premain when that loader resolves the bridge to the boot
 * loader's copy, as the system class loader does. JBoss Modules, which runs the agents named in WildFly's
 * {@code MODULE_OPTS}, loads the agent jar as a module that finds its own classes first: there the jar's
 * bridge classes would be a second copy that no advice calls. The runtime then runs in a loader of its own
 * over the same jar, whose parent (the platform loader) leaves the bridge to the boot loader.
 */
final class OwnLoader {

    private static final String FIRST_COPY = "io.obsagent.bridge.FirstCopy";

    private OwnLoader() {
    }

    /** @param bridgeNanos how long putting the bridge into the boot loader took, for {@link StartupPhases} */
    static void start(String args, Instrumentation inst, long bridgeNanos) throws Exception {
        ClassLoader premainLoader = Agent.class.getClassLoader();
        if (Class.forName(FIRST_COPY, false, premainLoader).getClassLoader() == null) {
            AgentRuntime.start(args, inst, bridgeNanos);
            return;
        }
        // Never closed: the agent's classes load from it for as long as the JVM runs.
        ClassLoader own = new URLClassLoader(new URL[]{agentJar()}, ClassLoader.getSystemClassLoader().getParent());
        Method start = own.loadClass(AgentRuntime.class.getName()).getDeclaredMethod("start", String.class, Instrumentation.class,
                long.class);
        start.setAccessible(true);
        start.invoke(null, args, inst, bridgeNanos);
    }

    private static URL agentJar() {
        CodeSource source = Agent.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("the class loader that ran premain (" + Agent.class.getClassLoader()
                    + ") does not say where the agent jar is; attach it with -javaagent in JAVA_OPTS instead");
        }
        return source.getLocation();
    }
}
