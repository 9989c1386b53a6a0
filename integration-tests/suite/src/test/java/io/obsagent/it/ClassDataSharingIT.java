package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.AppProcessBuilder;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.Jdks;
import org.junit.jupiter.api.Test;

/**
 * The application keeps its class-data archive with the agent attached (agent/SPEC.md §10): the archived classes
 * still load from it, and the JVM does not fall back to sharing boot classes only, which it does as soon as an
 * agent appends a jar to the bootstrap class path (the bridge is defined in the boot loader instead).
 */
class ClassDataSharingIT {

    private static final Duration EXIT = Duration.ofSeconds(90);
    /** The sample loads about 2 300 Spring classes; an archive in use serves nearly all of them. */
    private static final long SHARED_SPRING_CLASSES = 1500;

    @Test
    void aDynamicAppCdsArchiveMadeWithoutTheAgentStaysInUseWithIt() throws IOException {
        Path archive = workDir().resolve("sample.jsa");
        try (AppProcess training = AppProcess.builder(Apps.sampleApp()).testName("cds-dump")
                .jvmArgument("-XX:ArchiveClassesAtExit=" + archive).start()) {
            training.awaitReady();
            training.stop(EXIT);
        }
        assertThat(archive).exists();

        assertArchiveServesTheAppWithTheAgent(AppProcess.builder(Apps.sampleApp()).testName("cds-run")
                .jvmArgument("-XX:SharedArchiveFile=" + archive));
    }

    /** JDK 25's AOT cache records the JVM's options, so it is trained with the agent attached, as it will run. */
    @Test
    void aJdk25AotCacheTrainedWithTheAgentStaysInUse() throws IOException {
        Path jdk25 = Jdks.java25Home();
        assumeTrue(jdk25 != null, "JDK 25 is not installed, or every app already runs on one JDK");
        Path cache = workDir().resolve("sample.aot");
        try (AppProcess training = AppProcess.builder(Apps.sampleApp()).testName("aot-train").javaHome(jdk25)
                .withAgent().jvmArgument("-XX:AOTCacheOutput=" + cache).start()) {
            training.awaitReady();
            training.stop(EXIT);
        }
        assertThat(cache).exists();

        assertArchiveServesTheAppWithTheAgent(AppProcess.builder(Apps.sampleApp()).testName("aot-run").javaHome(jdk25)
                .jvmArgument("-XX:AOTCache=" + cache));
    }

    private static void assertArchiveServesTheAppWithTheAgent(AppProcessBuilder builder) {
        try (AppProcess app = builder.withAgent().jvmArgument("-Xlog:class+load=info").start()) {
            app.awaitReady();
            assertThat(Http.get(app.appUrl("/api/v1/tasks")).status()).isEqualTo(200);
            app.awaitHttpOk(app.sideUrl("/metrics"), Duration.ofSeconds(30));

            List<String> lines = app.lines();
            assertThat(lines).noneMatch(l -> l.contains("Sharing is only supported for boot loader classes"))
                    .noneMatch(l -> l.contains("[error][aot]") || l.contains("[error][cds]"));
            assertThat(lines.stream().filter(l -> l.contains(" org.springframework.")
                    && l.contains("source: shared objects file")).count()).isGreaterThan(SHARED_SPRING_CLASSES);
            assertThat(lines).as("the bridge is defined in the boot loader, not appended as a jar")
                    .anyMatch(l -> l.contains("io.obsagent.bridge.FirstCopy source: __JVM_DefineClass__"));
        }
    }

    private static Path workDir() throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("it.work.dir", "target/it-work"),
                "cds-" + System.nanoTime())).toAbsolutePath();
    }
}
