package io.obsagent.it.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Captures a process's stdout and stderr line by line on daemon threads, keeps every line, echoes it to a
 * log file, and lets tests wait for a line.
 */
final class ProcessOutput {

    enum Stream { STDOUT, STDERR }

    record Line(Stream stream, String text) {

        String tagged() {
            return (stream == Stream.STDERR ? "[err] " : "[out] ") + text;
        }
    }

    private static final Duration PUMP_JOIN_TIMEOUT = Duration.ofSeconds(2);

    private final List<Line> lines = new ArrayList<>();
    private final List<Thread> pumps = new ArrayList<>();
    private final Path logFile;
    private Writer log;
    private int openStreams = 2;
    /** While true the stdout pump stops reading, so the pipe fills and the process's writes to stdout block. */
    private final Object stdoutGate = new Object();
    private boolean stdoutPaused;

    private ProcessOutput(Path logFile, String header) throws IOException {
        this.logFile = logFile;
        Files.createDirectories(logFile.getParent());
        this.log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        log.write(header);
        log.write('\n');
    }

    /** @param header the first line of the log file, e.g. the command line */
    static ProcessOutput capture(Process process, String name, Path logFile, String header) throws IOException {
        ProcessOutput output = new ProcessOutput(logFile, header);
        output.pump(process.getInputStream(), Stream.STDOUT, name);
        output.pump(process.getErrorStream(), Stream.STDERR, name);
        return output;
    }

    Path logFile() {
        return logFile;
    }

    synchronized List<String> texts(Predicate<Line> filter) {
        return lines.stream().filter(filter).map(Line::text).toList();
    }

    /** The first line, already seen or still to come, that matches; empty when the deadline passes or both streams end. */
    synchronized Optional<String> await(Predicate<String> matcher, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        while (true) {
            for (; checked < lines.size(); checked++) {
                String text = lines.get(checked).text();
                if (matcher.test(text)) {
                    return Optional.of(text);
                }
            }
            long remainingMs = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (openStreams == 0 || remainingMs <= 0) {
                return Optional.empty();
            }
            wait(remainingMs);
        }
    }

    /** Waits until {@code count} lines so far match; false when the deadline passes or both streams end first. */
    synchronized boolean awaitCount(Predicate<String> matcher, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        int matched = 0;
        while (true) {
            for (; checked < lines.size(); checked++) {
                if (matcher.test(lines.get(checked).text()) && ++matched >= count) {
                    return true;
                }
            }
            long remainingMs = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (openStreams == 0 || remainingMs <= 0) {
                return false;
            }
            wait(remainingMs);
        }
    }

    /** The last lines, for failure messages. */
    synchronized String tail(int count) {
        List<Line> last = lines.subList(Math.max(0, lines.size() - count), lines.size());
        StringBuilder text = new StringBuilder();
        for (Line line : last) {
            text.append(line.tagged()).append('\n');
        }
        return text.toString();
    }

    void pauseStdout(boolean paused) {
        synchronized (stdoutGate) {
            stdoutPaused = paused;
            stdoutGate.notifyAll();
        }
    }

    private void awaitStdoutOpen(Stream stream) throws InterruptedException {
        if (stream != Stream.STDOUT) {
            return;
        }
        synchronized (stdoutGate) {
            while (stdoutPaused) {
                stdoutGate.wait();
            }
        }
    }

    /** Waits briefly for the streams to drain (the process has ended), then closes the log file. */
    void close() throws InterruptedException {
        for (Thread pump : pumps) {
            pump.join(PUMP_JOIN_TIMEOUT.toMillis());
        }
        synchronized (this) {
            closeLog();
        }
    }

    private void pump(InputStream in, Stream stream, String name) {
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String text;
                while (true) {
                    awaitStdoutOpen(stream);
                    if ((text = reader.readLine()) == null) {
                        break;
                    }
                    add(new Line(stream, text));
                }
            } catch (IOException e) {
                // The process was killed while we read: its output ends here.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                streamEnded();
            }
        }, name + "-" + stream.name().toLowerCase());
        pump.setDaemon(true);
        pump.start();
        pumps.add(pump);
    }

    private synchronized void add(Line line) {
        lines.add(line);
        if (log != null) {
            try {
                log.write(line.tagged());
                log.write('\n');
                log.flush();
            } catch (IOException e) {
                // The log file is a debugging aid; losing it must not lose the captured lines.
                closeLog();
            }
        }
        notifyAll();
    }

    private synchronized void streamEnded() {
        openStreams--;
        notifyAll();
    }

    private void closeLog() {
        if (log == null) {
            return;
        }
        try {
            log.close();
        } catch (IOException e) {
            // Nothing left to save.
        }
        log = null;
    }
}
