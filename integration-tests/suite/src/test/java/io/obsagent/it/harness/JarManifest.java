package io.obsagent.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** Reads a jar's manifest, e.g. to know which version the agent should report for it. */
public final class JarManifest {

    private JarManifest() {
    }

    public static Optional<String> mainClass(Path jar) {
        return attribute(jar, Attributes.Name.MAIN_CLASS);
    }

    public static Optional<String> implementationVersion(Path jar) {
        return attribute(jar, Attributes.Name.IMPLEMENTATION_VERSION);
    }

    private static Optional<String> attribute(Path jar, Attributes.Name name) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            return Optional.ofNullable(manifest == null ? null
                    : manifest.getMainAttributes().getValue(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifest of " + jar, e);
        }
    }
}
