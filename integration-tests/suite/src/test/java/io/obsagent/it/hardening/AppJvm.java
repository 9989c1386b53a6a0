package io.obsagent.it.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.obsagent.it.harness.AppProcess;

/**
 * What the kernel and the JDK's {@code jcmd} (of the JDK the app runs on) say about an app's JVM: its threads
 * and its live heap.
 */
final class AppJvm {

    private static final long JCMD_TIMEOUT_SECONDS = 60;
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private final AppProcess app;

    AppJvm(AppProcess app) {
        this.app = app;
    }

    /** The number of the process's threads right now (entries of /proc/PID/task). */
    int threadCount() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(app.pid()), "task"))) {
            return (int) tasks.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of " + app, e);
        }
    }

    /** Thread names as the kernel has them (at most 15 characters). */
    List<String> threadNames() {
        List<String> names = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(app.pid()), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    names.add(Files.readString(task.resolve("comm")).trim());
                } catch (IOException threadEnded) {
                    // gone between listing and reading
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of " + app, e);
        }
        return names;
    }

    /**
     * The live heap after a full collection: {@code jcmd PID GC.class_histogram} collects first (it counts live
     * objects only), then sums every live object by class. Unlike {@code GC.heap_info}'s "used" it ignores what
     * the app allocates between the collection and the reading, and it says which classes grew.
     */
    LiveHeap liveHeap() {
        String histogram = jcmd("GC.class_histogram");
        Map<String, Long> bytesByClass = new HashMap<>();
        long total = -1;
        for (String line : histogram.split("\n")) {
            Matcher row = HISTOGRAM_ROW.matcher(line);
            if (row.matches()) {
                bytesByClass.merge(row.group(3), Long.parseLong(row.group(2)), Long::sum);
                continue;
            }
            Matcher sum = HISTOGRAM_TOTAL.matcher(line.trim());
            if (sum.matches()) {
                total = Long.parseLong(sum.group(2));
            }
        }
        if (total < 0) {
            throw new AssertionError("no total in the class histogram of " + app + ":\n" + histogram);
        }
        return new LiveHeap(total, bytesByClass);
    }

    /** Runs the app JDK's jcmd against the app and returns its output. */
    String jcmd(String... command) {
        List<String> line = new ArrayList<>();
        line.add(app.javaHome().resolve("bin/jcmd").toString());
        line.add(String.valueOf(app.pid()));
        line.addAll(List.of(command));
        try {
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            jcmd.getOutputStream().close();
            byte[] output;
            try {
                output = jcmd.getInputStream().readAllBytes();
                if (!jcmd.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError(String.join(" ", line) + " did not end within " + JCMD_TIMEOUT_SECONDS + " s");
                }
            } finally {
                jcmd.destroyForcibly();
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (jcmd.exitValue() != 0) {
                throw new AssertionError(String.join(" ", line) + " failed with " + jcmd.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + line, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + line, e);
        }
    }

    /** Live bytes after a full GC, in total and by class. */
    record LiveHeap(long bytes, Map<String, Long> bytesByClass) {

        double megabytes() {
            return bytes / (1024.0 * 1024.0);
        }

        /** The classes whose live bytes grew most from {@code before} to this, for a failure message. */
        String largestGrowthSince(LiveHeap before, int count) {
            StringBuilder text = new StringBuilder();
            bytesByClass.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - before.bytesByClass.getOrDefault(e.getKey(), 0L)))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(count)
                    .forEach(e -> text.append(String.format("%n  %+,12d B  %s", e.getValue(), e.getKey())));
            return text.toString();
        }
    }
}
