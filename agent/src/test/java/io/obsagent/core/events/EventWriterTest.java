package io.obsagent.core.events;

import io.obsagent.core.events.LogTarget;
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
        writer.flush(2000, 2000);
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
        writer.flush(2000, 2000);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("earlier");
        assertThat(lines.get(1)).contains("to file");

        Path fresh = dir.resolve("new/dir/events.log");
        EventWriter second = EventWriter.start("svc", Level.INFO, target("file:" + fresh), out, out);
        second.emit(AgentEvents.error("x", "fresh"));
        second.flush(2000, 2000);
        assertThat(fresh).exists();
    }

    @Test
    void unwritableFileFallsBackToStdoutAndSaysSo(@TempDir Path dir) throws IOException {
        Path blocker = dir.resolve("not-a-dir");
        Files.write(blocker, new byte[0]);
        EventWriter writer = EventWriter.start("svc", Level.INFO, target("file:" + blocker.resolve("x.log")), out, out);
        writer.emit(AgentEvents.error("x", "still written"));
        writer.flush(2000, 2000);
        assertThat(stdout.toString()).contains("\"where\":\"log.target\"").contains("still written");
    }

    @Test
    void aBlockedStreamDropsAndCountsInsteadOfBlockingProducers() {
        CountDownLatch release = new CountDownLatch(1);
        EventWriter writer = new EventWriter("svc", Level.INFO, stuckUntil(release), 16);
        writer.startThread();
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            writer.emit(AgentEvents.error("x", "e" + i));
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
        // The queue's 16, and at most one batch the writer drained before its write blocked (never more than 16).
        assertThat(writer.dropped()).isGreaterThanOrEqualTo(1000 - 2 * 16);
        release.countDown();
    }

    /** 10 events of 20 ms each take longer than the 100 ms a stall may last: progress keeps the flush waiting. */
    @Test
    void flushWaitsForEveryAcceptedEventEvenOnASlowStream() {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream slow = new OutputStream() {
            @Override
            public void write(int b) {
                written.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                pause(20);
                written.write(b, off, len);
            }
        };
        EventWriter writer = new EventWriter("svc", Level.INFO, slow, 64);
        writer.startThread();
        for (int i = 0; i < 10; i++) {
            writer.emit(AgentEvents.error("x", "e" + i));
        }
        writer.flush(100, 5000);
        assertThat(written.toString(StandardCharsets.UTF_8).split("\n")).hasSize(10);
    }

    @Test
    void flushIsBoundedWhenTheStreamIsStuck() {
        CountDownLatch release = new CountDownLatch(1);
        EventWriter writer = new EventWriter("svc", Level.INFO, stuckUntil(release), 16);
        writer.startThread();
        writer.emit(AgentEvents.error("x", "never written"));
        long start = System.nanoTime();
        writer.flush(150, 5000);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween(100L, 2000L);
        release.countDown();
    }

    @Test
    void dropsAreReportedInTheOutputOnceTheQueueDrains() {
        CountDownLatch release = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream stuckThenFine = new OutputStream() {
            @Override
            public void write(int b) {
                written.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                EventWriterTest.await(release);
                written.write(b, off, len);
            }
        };
        EventWriter writer = new EventWriter("svc", Level.INFO, stuckThenFine, 8);
        writer.startThread();
        for (int i = 0; i < 100; i++) {
            writer.emit(new RequestProcessed(new FixedRequest("r" + i, "GET", "/"), "/", 200, 1000));
        }
        long dropped = writer.dropped();
        // The queue holds 8; the writer may have taken one batch of up to 8 more before its write blocked.
        assertThat(dropped).isBetween(100L - 2 * 8 - 1, 100L - 8);
        release.countDown();
        writer.flush(5000, 5000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!written.toString(StandardCharsets.UTF_8).contains("log.queue") && System.nanoTime() < deadline) {
            pause(10);
        }
        String text = written.toString(StandardCharsets.UTF_8);
        long processed = text.lines().filter(l -> l.contains("request_processed")).count();
        assertThat(processed + dropped).isEqualTo(100);
        assertThat(text).contains("\"where\":\"log.queue\"").contains(dropped + " agent events dropped, " + dropped + " since start");
    }

    @Test
    void anExceptionWhosePrintingThrowsIsStillLoggedWithWhatIsKnown() throws Exception {
        RuntimeException hostile = new RuntimeException("hidden") {
            @Override
            public String getMessage() {
                throw new IllegalStateException("no message for you");
            }

            @Override
            public StackTraceElement[] getStackTrace() {
                throw new IllegalStateException("no trace either");
            }
        };
        String line = new EventFormat("svc").format(new UnhandledException(new FixedRequest("r", "GET", "/"), hostile));
        com.fasterxml.jackson.databind.JsonNode node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
        assertThat(node.get("exception_message").asText()).contains("getMessage() threw");
        assertThat(node.get("stack_trace").asText()).contains("unavailable");
    }

    private static OutputStream stuckUntil(CountDownLatch release) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                await(release);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                await(release);
            }
        };
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
