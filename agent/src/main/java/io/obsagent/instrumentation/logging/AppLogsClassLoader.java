package io.obsagent.instrumentation.logging;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Defines the nested jar's classes with the application's logging library's class loader as parent. Names under
 * {@code io.obsagent.} (the adapters, the relocated encoder and Jackson) are looked up in the jar first, so a copy
 * elsewhere can never stand in for them; the agent's other classes (the formatter in core) are the agent's own, so
 * the adapters and the agent share them; every other name (Logback, Log4j, SLF4J, the JDK) is the parent's, so
 * the adapters work on the application's own logging objects.
 */
final class AppLogsClassLoader extends URLClassLoader {

    private static final String OWN = "io.obsagent.";
    /** On the bootstrap path, shared with everything else; never in the nested jar. */
    private static final String BRIDGE = "io.obsagent.bridge.";
    private static final ClassLoader AGENT = AppLogsClassLoader.class.getClassLoader();

    static {
        ClassLoader.registerAsParallelCapable();
    }

    AppLogsClassLoader(URL encoderJar, ClassLoader logbackLoader) {
        super(new URL[]{encoderJar}, logbackLoader);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(OWN) || name.startsWith(BRIDGE)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> type = findLoadedClass(name);
            if (type == null) {
                try {
                    type = findClass(name);
                } catch (ClassNotFoundException notNested) {
                    return AGENT.loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }
}
