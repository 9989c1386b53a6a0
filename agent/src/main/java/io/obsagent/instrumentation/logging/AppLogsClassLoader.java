package io.obsagent.instrumentation.logging;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * Defines the nested encoder jar's classes with the application's Logback class loader as parent. Names under
 * {@code io.obsagent.} (the calling code and the relocated encoder and Jackson) are looked up here first, so a
 * copy elsewhere can never stand in for them; every other name (Logback, SLF4J, the JDK) is the parent's, so
 * the encoder works on the application's own Logback objects.
 */
final class AppLogsClassLoader extends URLClassLoader {

    private static final String OWN = "io.obsagent.";
    /** On the bootstrap path, shared with everything else; never in the nested jar. */
    private static final String BRIDGE = "io.obsagent.bridge.";

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
                type = findClass(name);
            }
            if (resolve) {
                resolveClass(type);
            }
            return type;
        }
    }
}
