package io.obsagent;

import io.obsagent.instrumentation.AgentPackages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks the shipped jar itself: entry points, relocation and Java 8 bytecode. */
class AgentJarIT {

    private static JarFile jar;

    @BeforeAll
    static void open() throws IOException {
        jar = new JarFile(System.getProperty("obs.agent.jar"));
    }

    @Test
    void manifestNamesTheEntryPointsAndAllowsRetransformation() throws IOException {
        Attributes main = jar.getManifest().getMainAttributes();
        assertThat(main.getValue("Premain-Class")).isEqualTo("io.obsagent.Agent");
        assertThat(main.getValue("Agent-Class")).isEqualTo("io.obsagent.Agent");
        assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
        assertThat(main.getValue("Implementation-Version")).isNotBlank();
    }

    @Test
    void everyClassLivesUnderTheAgentsOwnPackage() {
        List<String> strays = new ArrayList<>();
        for (JarEntry entry : Collections.list(jar.entries())) {
            String name = entry.getName();
            if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.startsWith("io/obsagent/")) {
                strays.add(name);
            }
        }
        assertThat(strays).isEmpty();
    }

    @Test
    void everyClassInTheJarIsOneTheInstrumentationLeavesAlone() {
        List<String> instrumentable = new ArrayList<>();
        for (JarEntry entry : Collections.list(jar.entries())) {
            String name = entry.getName();
            if (name.endsWith(".class") && !name.startsWith("META-INF/")
                    && !AgentPackages.contains(name.substring(0, name.length() - ".class".length()))) {
                instrumentable.add(name);
            }
        }
        assertThat(instrumentable).as("classes outside AgentPackages: add their package there").isEmpty();
    }

    /** agent/SPEC.md §10: the jar is at most 8 MB, so an image that bakes it in stays small. */
    @Test
    void theJarStaysWithinItsSizeBudget() {
        assertThat(new File(jar.getName()).length()).isLessThanOrEqualTo(8_000_000L);
    }

    @Test
    void thirdPartyCodeIsRelocated() {
        assertThat(jar.getEntry("io/obsagent/shaded/bytebuddy/ByteBuddy.class")).isNotNull();
        assertThat(jar.getEntry("net/bytebuddy/ByteBuddy.class")).isNull();
        assertThat(Collections.list(jar.entries())).anyMatch(e -> e.getName().startsWith("io/obsagent/shaded/prometheus/"));
    }

    /**
     * app_logs.json's encoder jar, nested as a resource: its classes are Java 11 (logstash-logback-encoder 8),
     * which is why they are not on the agent jar's class path. They are defined only by AppLogsClassLoader, and
     * only on top of an application's Logback 1.5, which itself needs Java 11. Everything in it is relocated
     * under io/obsagent/, and Logback and SLF4J are not in it: those must be the application's own.
     */
    @Test
    void theNestedEncoderJarIsRelocatedAndNeedsNoMoreThanJava11() throws IOException {
        JarEntry nested = jar.getJarEntry("META-INF/obs-agent/applogs-logstash.jar");
        assertThat(nested).isNotNull();
        List<String> strays = new ArrayList<>();
        List<String> tooNew = new ArrayList<>();
        List<String> services = new ArrayList<>();
        int classes = 0;
        try (JarInputStream in = new JarInputStream(jar.getInputStream(nested))) {
            for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
                String name = entry.getName();
                if (name.startsWith("META-INF/services/") && !entry.isDirectory()) {
                    services.add(name);
                }
                if (!name.endsWith(".class")) {
                    continue;
                }
                classes++;
                if (!name.startsWith("io/obsagent/")) {
                    strays.add(name);
                }
                int major = majorVersion(in);
                if (major > 55) {
                    tooNew.add(name + " (major " + major + ")");
                }
            }
        }
        assertThat(classes).isGreaterThan(1000);
        assertThat(strays).isEmpty();
        assertThat(tooNew).isEmpty();
        assertThat(services).isNotEmpty().allMatch(s -> s.startsWith("META-INF/services/io.obsagent.shaded.applogs."));
    }

    @Test
    void theEncoderAndItsCallerAreOnlyInTheNestedJar() {
        assertThat(Collections.list(jar.entries())).noneMatch(e -> e.getName().startsWith("io/obsagent/instrumentation/logging/logstash/")
                || e.getName().startsWith("io/obsagent/shaded/applogs/") || e.getName().startsWith("net/logstash/")
                || e.getName().startsWith("com/fasterxml/"));
    }

    @Test
    void theBridgeJarHoldsExactlyTheBridgePackage() throws IOException {
        JarEntry nested = jar.getJarEntry("META-INF/obs-agent/bridge.jar");
        assertThat(nested).isNotNull();
        List<String> classes = new ArrayList<>();
        try (JarInputStream in = new JarInputStream(jar.getInputStream(nested))) {
            for (JarEntry e; (e = in.getNextJarEntry()) != null; ) {
                if (e.getName().endsWith(".class")) {
                    classes.add(e.getName());
                }
            }
        }
        List<String> bridgePackage = new ArrayList<>();
        for (JarEntry entry : Collections.list(jar.entries())) {
            if (entry.getName().startsWith("io/obsagent/bridge/") && entry.getName().endsWith(".class")) {
                bridgePackage.add(entry.getName());
            }
        }
        assertThat(classes).isNotEmpty().containsExactlyInAnyOrderElementsOf(bridgePackage);
    }

    @Test
    void noClassIsNewerThanJava8() throws IOException {
        List<String> tooNew = new ArrayList<>();
        int classes = 0;
        for (JarEntry entry : Collections.list(jar.entries())) {
            if (entry.getName().endsWith(".class")) {
                classes++;
                int major = majorVersion(jar.getInputStream(entry));
                if (major > 52) {
                    tooNew.add(entry.getName() + " (major " + major + ")");
                }
            }
        }
        assertThat(classes).isGreaterThan(1000);
        assertThat(tooNew).isEmpty();
    }

    /**
     * agent/SPEC.md §6: no JVM-wide system property. client_java's HTTPServer sets the JDK server's timeouts in a static
     * initialiser; neither that class nor any other class naming those properties may ship.
     */
    @Test
    void noShippedClassNamesTheJdkServersSystemProperties() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (JarEntry entry : Collections.list(jar.entries())) {
            if (!entry.getName().endsWith(".class")) {
                continue;
            }
            String bytes = new String(jar.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            if (bytes.contains("sun.net.httpserver.") || bytes.contains("exporter/httpserver/HTTPServer")) {
                offenders.add(entry.getName());
            }
        }
        assertThat(offenders).isEmpty();
        assertThat(Collections.list(jar.entries())).noneMatch(e -> e.getName().contains("/exporter/httpserver/"));
        assertThat(jar.getEntry("io/obsagent/shaded/prometheus/metrics/exporter/common/PrometheusScrapeHandler.class")).isNotNull();
        assertThat(jar.getEntry("io/obsagent/shaded/prometheus/metrics/instrumentation/jvm/JvmThreadsMetrics.class")).isNotNull();
    }

    private static int majorVersion(InputStream in) throws IOException {
        try (DataInputStream data = new DataInputStream(in)) {
            return majorVersion(data);
        }
    }

    /** Reads the class file head only, leaving the (nested) stream open. */
    private static int majorVersion(JarInputStream in) throws IOException {
        return majorVersion(new DataInputStream(in));
    }

    private static int majorVersion(DataInputStream data) throws IOException {
        assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
        data.readUnsignedShort();
        return data.readUnsignedShort();
    }
}
