package io.obsagent.instrumentation;

import net.bytebuddy.dynamic.ClassFileLocator;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The class files of the boot layer's modules (the JDK's), read from the module that holds the package. Byte Buddy's
 * own {@code ClassFileLocator.ForModule.ofBootLayer()} does the same through generated proxies of the module API,
 * which cost a sixth of the agent's start thread; plain reflection, once per module at start and once per class
 * file read, costs a few milliseconds. Java 8 has no modules: there, nothing is found here.
 */
final class JdkModuleClassFiles implements ClassFileLocator {

    private final Map<String, Object> moduleByPackage;
    private final Method getResourceAsStream;

    private JdkModuleClassFiles(Map<String, Object> moduleByPackage, Method getResourceAsStream) {
        this.moduleByPackage = moduleByPackage;
        this.getResourceAsStream = getResourceAsStream;
    }

    static ClassFileLocator ofBootLayer() {
        try {
            Class<?> layer = Class.forName("java.lang.ModuleLayer");
            Class<?> module = Class.forName("java.lang.Module");
            Method getPackages = module.getMethod("getPackages");
            Map<String, Object> byPackage = new HashMap<String, Object>();
            for (Object named : (Set<?>) layer.getMethod("modules").invoke(layer.getMethod("boot").invoke(null))) {
                for (Object name : (Set<?>) getPackages.invoke(named)) {
                    byPackage.put((String) name, named);
                }
            }
            return new JdkModuleClassFiles(byPackage, module.getMethod("getResourceAsStream", String.class));
        } catch (ReflectiveOperationException | RuntimeException noModules) {
            // Java 8 (no ModuleLayer), or a runtime that refuses: the class loaders serve the JDK's class files.
            return NoOp.INSTANCE;
        }
    }

    @Override
    public Resolution locate(String name) throws IOException {
        int dot = name.lastIndexOf('.');
        Object module = dot < 0 ? null : moduleByPackage.get(name.substring(0, dot));
        if (module == null) {
            return new Resolution.Illegal(name);
        }
        InputStream in;
        try {
            in = (InputStream) getResourceAsStream.invoke(module, name.replace('.', '/') + ".class");
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot read the class file of " + name, e);
        }
        if (in == null) {
            return new Resolution.Illegal(name);
        }
        try {
            return new Resolution.Explicit(ClassFiles.readAll(in));
        } finally {
            in.close();
        }
    }

    @Override
    public void close() {
        // Nothing is held open: each read closes its stream.
    }
}
