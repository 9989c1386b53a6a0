package io.obsagent.core.events;

import io.obsagent.core.config.LogTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EventWriterTest {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(stdout, true);

    @Test
    void eventsBelowTheLevelAreNotWritten() {
        EventWriter writer = EventWriter.start("svc", Level.WARNING, target("stdout"), out, out);
        writer.emit(AgentEvents.error("x", "kept"));
        writer.emit(new FieldsEvent(Level.INFO, "obs.agent", "dropped_by_level"));
        writer.flush(2000);
        assertThat(stdout.toString()).contains("kept").doesNotContain("dropped_by_level");
        assertThat(writer.dropped()).isZero();
    }

    @Test
    void fileTargetIsCreatedWithItsDirectoriesAndAppended(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a/b/events.log");
        Files.createDirectories(file.getParent());
        Files.write(file, "earlier\n".getBytes(StandardCharsets.UTF_8));
        EventWriter writer = EventWriter.start("svc", Level.INFO, target("file:" + file), out, out);
        writer.emit(AgentEvents.error("x", "to file"));
        writer.flush(2000);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("earlier");
        assertThat(lines.get(1)).contains("to file");

        Path fresh = dir.resolve("new/dir/events.log");
        EventWriter second = EventWriter.start("svc", Level.INFO, target("file:" + fresh), out, out);
        second.emit(AgentEvents.error("x", "fresh"));
        second.flush(2000);
        assertThat(fresh).exists();
    }

    @Test
    void unwritableFileFallsBackToStdoutAndSaysSo(@TempDir Path dir) throws IOException {
        Path blocker = dir.resolve("not-a-dir");
        Files.write(blocker, new byte[0]);
        EventWriter writer = EventWriter.start("svc", Level.INFO, target("file:" + blocker.resolve("x.log")), out, out);
        writer.emit(AgentEvents.error("x", "still written"));
        writer.flush(2000);
        assertThat(stdout.toString()).contains("\"where\":\"log.target\"").contains("still written");
    }

    @Test
    void aBlockedStreamDropsAndCountsInsteadOfBlockingProducers() {
        CountDownLatch release = new CountDownLatch(1);
        OutputStream stuck = new OutputStream() {
            @Override
            public void write(int b) {
                await(release);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                await(release);
            }
        };
        EventWriter writer = new EventWriter("svc", Level.INFO, stuck, 16);
        writer.startThread();
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            writer.emit(AgentEvents.error("x", "e" + i));
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
        assertThat(writer.dropped()).isGreaterThanOrEqualTo(1000 - 16 - 1);
        release.countDown();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static LogTarget target(String text) {
        return io.obsagent.core.config.ConfigLoader.load("log.target=" + text, new java.util.Properties(),
                java.util.Collections.emptyMap()).get(io.obsagent.core.config.Settings.LOG_TARGET);
    }
}
