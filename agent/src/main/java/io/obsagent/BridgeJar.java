package io.obsagent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Publishes the bridge package on the bootstrap class path, so advice inlined into classes of any
 * class loader (webapp loaders, Spring Boot's nested-jar loader, the JDK itself) resolves the same
 * {@code io.obsagent.bridge} classes. Only those few classes go there; everything else stays in the
 * agent's own loader.
 */
final class BridgeJar {

    static final String PACKAGE_PATH = "io/obsagent/bridge/";

    private BridgeJar() {
    }

    static void appendToBootstrap(Instrumentation inst) throws IOException, URISyntaxException {
        File jar = File.createTempFile("obs-agent-bridge", ".jar");
        jar.deleteOnExit();
        try (JarOutputStream out = new JarOutputStream(new FileOutputStream(jar))) {
            for (String entry : bridgeClassEntries()) {
                out.putNextEntry(new JarEntry(entry));
                try (InputStream in = BridgeJar.class.getClassLoader().getResourceAsStream(entry)) {
                    copy(in, out);
                }
                out.closeEntry();
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
    }

    /** The bridge's class files, listed from wherever the agent was loaded: its jar, or a classes directory in tests. */
    private static List<String> bridgeClassEntries() throws IOException, URISyntaxException {
        Path source = Paths.get(BridgeJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> entries = new ArrayList<String>();
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.list(source.resolve(PACKAGE_PATH))) {
                files.forEach(f -> entries.add(PACKAGE_PATH + f.getFileName()));
            }
        } else {
            try (JarFile agentJar = new JarFile(source.toFile(), false)) {
                for (Enumeration<JarEntry> e = agentJar.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    if (name.startsWith(PACKAGE_PATH) && name.endsWith(".class")) {
                        entries.add(name);
                    }
                }
            }
        }
        if (entries.isEmpty()) {
            throw new IOException("no bridge classes found in " + source);
        }
        return entries;
    }

    private static void copy(InputStream in, JarOutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
        }
    }
}
