package io.obsagent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

/**
 * Puts the bridge package into the boot class loader, so advice inlined into classes of any class loader
 * (web application loaders, Spring Boot's nested-jar loader, the JDK itself) resolves the same
 * {@code io.obsagent.bridge} classes. Only those few classes go there; everything else stays in the
 * agent's own loader.
 *
 * <p>On Java 9+ the classes are defined in the boot loader directly (the agent exports
 * {@code jdk.internal.misc} to itself through its {@link Instrumentation}): appending a jar to the bootstrap
 * search path instead makes the JVM print "Sharing is only supported for boot loader classes because
 * bootstrap classpath has been appended" on every start, and needs a writable temporary directory. Where that
 * is not possible (Java 8, or a JVM that refuses) the jar is appended after all.
 */
final class BootLoaderBridge {

    /** The bridge classes, packed by the build into a small jar inside the agent jar. */
    static final String RESOURCE = "META-INF/obs-agent/bridge.jar";

    private BootLoaderBridge() {
    }

    static void install(Instrumentation inst) throws IOException {
        if (!defineInBootLoader(inst, bridgeClasses())) {
            BridgeJar.appendToBootstrap(inst, RESOURCE);
        }
    }

    private static boolean defineInBootLoader(Instrumentation inst, Map<String, byte[]> classes) {
        try {
            Method getModule = Class.class.getMethod("getModule");
            Class<?> moduleType = Class.forName("java.lang.Module");
            Method redefineModule = Instrumentation.class.getMethod("redefineModule", moduleType, Set.class,
                    Map.class, Map.class, Set.class, Map.class);
            redefineModule.invoke(inst, getModule.invoke(Object.class), Collections.emptySet(),
                    Collections.singletonMap("jdk.internal.misc", Collections.singleton(getModule.invoke(BootLoaderBridge.class))),
                    Collections.emptyMap(), Collections.emptySet(), Collections.emptyMap());
            Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
            Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
            Method defineClass = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                    ClassLoader.class, ProtectionDomain.class);
            defineInDependencyOrder(classes, unsafe, defineClass);
            return true;
        } catch (Throwable java8OrRefused) {
            return false;
        }
    }

    /**
     * Defines every class, each after the supertypes it names: a class whose supertype is not defined yet (an
     * anonymous {@code AppLogs$1} comes before {@code AppLogs$Hooks} in the jar) fails to define without being
     * defined, and is tried again after the others.
     */
    private static void defineInDependencyOrder(Map<String, byte[]> classes, Object unsafe, Method defineClass)
            throws ReflectiveOperationException {
        Map<String, byte[]> pending = new LinkedHashMap<String, byte[]>(classes);
        while (!pending.isEmpty()) {
            int before = pending.size();
            InvocationTargetException lastFailure = null;
            for (Iterator<Map.Entry<String, byte[]>> it = pending.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, byte[]> c = it.next();
                try {
                    defineClass.invoke(unsafe, c.getKey(), c.getValue(), 0, c.getValue().length, null, null);
                    it.remove();
                } catch (InvocationTargetException supertypeNotYetDefined) {
                    if (!(supertypeNotYetDefined.getCause() instanceof NoClassDefFoundError)) {
                        throw supertypeNotYetDefined;
                    }
                    lastFailure = supertypeNotYetDefined;
                }
            }
            if (lastFailure != null && pending.size() == before) {
                throw lastFailure;
            }
        }
    }

    /** Binary class name to class file, read from the nested jar (reading a jar costs nothing like writing one). */
    private static Map<String, byte[]> bridgeClasses() throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<String, byte[]>();
        InputStream resource = BootLoaderBridge.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (resource == null) {
            throw new IOException("the agent jar has no " + RESOURCE);
        }
        try (JarInputStream jar = new JarInputStream(resource)) {
            for (JarEntry entry; (entry = jar.getNextJarEntry()) != null; ) {
                String name = entry.getName();
                if (name.endsWith(".class")) {
                    classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'), readAll(jar));
                }
            }
        }
        return classes;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
