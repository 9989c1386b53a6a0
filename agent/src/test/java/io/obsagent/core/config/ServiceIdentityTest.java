package io.obsagent.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceIdentityTest {

    @Test
    void otelServiceNameWins() {
        assertThat(ServiceIdentity.name(Collections.singletonMap("OTEL_SERVICE_NAME", "billing"), "/app/task-api.jar --x", new Properties()))
                .isEqualTo("billing");
    }

    @Test
    void mainJarNameWithoutExtension() {
        assertThat(ServiceIdentity.name(Collections.emptyMap(), "/srv/app/task-api.jar --server.port=1", new Properties())).isEqualTo("task-api");
    }

    @Test
    void mainClassLaunchIsUnknown() {
        assertThat(ServiceIdentity.name(Collections.emptyMap(), "com.example.Main arg", new Properties())).isEqualTo("unknown-service");
        assertThat(ServiceIdentity.name(Collections.emptyMap(), null, new Properties())).isEqualTo("unknown-service");
    }

    @Test
    void versionComesFromTheMainJarManifest(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("svc.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "2.4.1");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // the manifest is all this jar needs
        }
        assertThat(ServiceIdentity.version(jar + " --flag", new Properties())).isEqualTo("2.4.1");
        assertThat(ServiceIdentity.version(dir.resolve("missing.jar").toString(), new Properties())).isEqualTo("unknown");
    }
}
