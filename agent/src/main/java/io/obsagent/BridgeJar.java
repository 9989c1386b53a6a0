package io.obsagent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * The fallback of {@link BootLoaderBridge}: the nested bridge jar copied to a temporary file and appended to
 * the bootstrap class path. Premain only copies bytes: writing a jar here (time-zone data for entry times)
 * or {@code File.createTempFile} (SecureRandom) would each cost tens of milliseconds of the application's start.
 */
final class BridgeJar {

    private BridgeJar() {
    }

    static void appendToBootstrap(Instrumentation inst, String resource) throws IOException {
        File jar = newTempFile();
        jar.deleteOnExit();
        try (InputStream in = BridgeJar.class.getClassLoader().getResourceAsStream(resource);
             OutputStream out = new FileOutputStream(jar)) {
            if (in == null) {
                throw new IOException("the agent jar has no " + resource);
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
