package io.obsagent.instrumentation.logging;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * The {@link AppLogsClassLoader} of each logging library's class loader, and the switches made in it: the code
 * of the nested jar that links against the application's own Logback or Log4j.
 */
final class AdapterLoaders {

    private final EncoderJar jar = new EncoderJar();
    /**
     * Values are weak: each adapter loader has the library's loader as parent, so a strong value would keep an
     * undeployed web application's loader alive for ever. Installed adapters keep their loader reachable.
     */
    private final Map<ClassLoader, WeakReference<ClassLoader>> loaders = new WeakHashMap<ClassLoader, WeakReference<ClassLoader>>();

    /** The nested class {@code name}, made beside {@code library}, with the constructor arguments given. */
    @SuppressWarnings("unchecked")
    Function<Object, Boolean> switchFor(String name, ClassLoader library, Class<?> parameter, Object argument)
            throws Exception {
        Class<?> type = Class.forName(name, true, loaderFor(library));
        Object made = parameter == null ? type.newInstance() : type.getConstructor(parameter).newInstance(argument);
        return (Function<Object, Boolean>) made;
    }

    private synchronized ClassLoader loaderFor(ClassLoader library) throws IOException {
        WeakReference<ClassLoader> known = loaders.get(library);
        ClassLoader loader = known == null ? null : known.get();
        if (loader == null) {
            loader = new AppLogsClassLoader(jar.url(), library);
            loaders.put(library, new WeakReference<ClassLoader>(loader));
        }
        return loader;
    }
}
