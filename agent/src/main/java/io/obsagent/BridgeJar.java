package io.obsagent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * Publishes the bridge package on the bootstrap class path, so advice inlined into classes of any
 * class loader (webapp loaders, Spring Boot's nested-jar loader, the JDK itself) resolves the same
 * {@code io.obsagent.bridge} classes. Only those few classes go there; everything else stays in the
 * agent's own loader.
 *
 * <p>The build packs them into a small jar inside the agent jar, so premain only copies bytes: writing
 * a jar here (time zone data for entry times) or {@code File.createTempFile} (SecureRandom) each cost
 * tens of milliseconds of the application's start.
 */
final class BridgeJar {

    static final String RESOURCE = "META-INF/obs-agent/bridge.jar";

    private BridgeJar() {
    }

    static void appendToBootstrap(Instrumentation inst) throws IOException {
        File jar = newTempFile();
        jar.deleteOnExit();
        try (InputStream in = BridgeJar.class.getClassLoader().getResourceAsStream(RESOURCE);
             OutputStream out = new FileOutputStream(jar)) {
            if (in == null) {
                throw new IOException("the agent jar has no " + RESOURCE);
            }
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
            }
        }
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar, false));
    }

    private static File newTempFile() throws IOException {
        File dir = new File(System.getProperty("java.io.tmpdir"));
        long seed = System.nanoTime() ^ System.identityHashCode(dir);
        for (int attempt = 0; attempt < 100; attempt++) {
            File candidate = new File(dir, "obs-agent-bridge-" + Long.toHexString(seed + attempt) + ".jar");
            if (candidate.createNewFile()) {
                return candidate;
            }
        }
        throw new IOException("cannot create a file in " + dir);
    }
}
