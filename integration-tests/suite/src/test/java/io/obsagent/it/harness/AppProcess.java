package io.obsagent.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One application jar running in its own JVM, with or without the agent, on free ports.
 *
 * <p>Always close it (try-with-resources or {@code @AfterAll}): {@link #close()} ends the process, and a
 * shutdown hook ends any process the test JVM would otherwise leave behind.
 */
public final class AppProcess implements AutoCloseable {

    public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration POLL_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final int TAIL_LINES = 40;

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(
                new Thread(() -> RUNNING.forEach(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }), "kill-app-processes"));
    }

    private final String name;
    private final Process process;
    private final ProcessOutput output;
    private final String readyPath;
    private final int appPort;
    private final Integer sidePort;
    private final Path javaHome;

    private AppProcess(String name, Process process, ProcessOutput output, String readyPath, int appPort, Integer sidePort,
                       Path javaHome) {
        this.name = name;
        this.javaHome = javaHome;
        this.process = process;
        this.output = output;
        this.readyPath = readyPath;
        this.appPort = appPort;
        this.sidePort = sidePort;
    }

    public static AppProcessBuilder builder(AppJar jar) {
        return new AppProcessBuilder(jar);
    }

    /** Starts {@code launcher}'s process, tracked for the shutdown hook, its output captured into {@code logFile}. */
    static AppProcess start(String name, ProcessBuilder launcher, String commandLine, Path logFile,
                            String readyPath, int appPort, Integer sidePort, Path javaHome) {
        Process process;
        try {
            process = launcher.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + commandLine, e);
        }
        RUNNING.add(process);
        try {
            process.getOutputStream().close();
            ProcessOutput output = ProcessOutput.capture(process, name, logFile, commandLine);
            return new AppProcess(name, process, output, readyPath, appPort, sidePort, javaHome);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw new IllegalStateException("Could not capture the output of " + name + " into " + logFile, e);
        }
    }

    public int appPort() {
        return appPort;
    }

    /** The agent's side-server port, when the harness chose it. */
    public int sidePort() {
        if (sidePort == null) {
            throw new IllegalStateException(name + " has no side port chosen by the harness:"
                    + " it runs without the agent, or the test configured server.port itself");
        }
        return sidePort;
    }

    /** The JDK the app runs on, e.g. for its {@code jcmd}. */
    public Path javaHome() {
        return javaHome;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public URI appUrl(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + appPort + pathAndQuery);
    }

    public URI sideUrl(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + sidePort() + pathAndQuery);
    }

    /** Every line so far, stdout and stderr interleaved in the order they arrived. */
    public List<String> lines() {
        return output.texts(line -> true);
    }

    public List<String> stdoutLines() {
        return output.texts(line -> line.stream() == ProcessOutput.Stream.STDOUT);
    }

    public List<String> stderrLines() {
        return output.texts(line -> line.stream() == ProcessOutput.Stream.STDERR);
    }

    public Path logFile() {
        return output.logFile();
    }

    /** The first output line (already written or still to come) that matches, waiting at most {@code timeout}. */
    public String awaitLine(Predicate<String> matcher, Duration timeout) {
        try {
            return output.await(matcher, timeout)
                    .orElseThrow(() -> new AssertionError("No output line of " + name + " matched within " + timeout + state()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for output of " + name, e);
        }
    }

    /**
     * Stops reading the process's standard output until {@link #resumeStdout()} (or {@link #close()}): the pipe
     * fills up and the process's next writes to stdout block, as with a slow log collector.
     */
    public void pauseStdout() {
        output.pauseStdout(true);
    }

    public void resumeStdout() {
        output.pauseStdout(false);
    }

    /** Waits until {@code count} output lines (already written or still to come) match. */
    public void awaitLineCount(Predicate<String> matcher, int count, Duration timeout) {
        try {
            if (!output.awaitCount(matcher, count, timeout)) {
                throw new AssertionError("Fewer than " + count + " output lines of " + name + " matched within " + timeout + state());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for output of " + name, e);
        }
    }

    /** Waits until the app's ready path answers 200. */
    public HttpResult awaitReady() {
        return awaitHttpOk(readyPath, STARTUP_TIMEOUT);
    }

    public HttpResult awaitHttpOk(String appPath, Duration timeout) {
        return awaitHttpOk(appUrl(appPath), timeout);
    }

    /** Polls {@code uri} until it answers 200; fails at the deadline, or at once if the process ends. */
    public HttpResult awaitHttpOk(URI uri, Duration timeout) {
        return awaitStatus(uri, 200, timeout);
    }

    /** Polls {@code uri} until it answers {@code status}; fails at the deadline, or at once if the process ends. */
    public HttpResult awaitStatus(URI uri, int status, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastAnswer = "none";
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError(uri + " never answered " + status + " (last answer: " + lastAnswer + ")" + state());
            }
            try {
                HttpResult result = Http.get(uri, POLL_REQUEST_TIMEOUT);
                if (result.status() == status) {
                    return result;
                }
                lastAnswer = "status " + result.status();
            } catch (UncheckedIOException e) {
                lastAnswer = String.valueOf(e.getCause());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError(uri + " did not answer " + status + " within " + timeout + " (last answer: " + lastAnswer + ")" + state());
            }
            sleep(POLL_INTERVAL);
        }
    }

    /**
     * Sends SIGTERM and waits for the process to exit; returns its exit code. Through the process handle:
     * {@code Process.destroy()} also closes the pipes at once, and what the process writes while it shuts down
     * (its last events, the container's "stopped" lines) would be lost.
     */
    public int stop(Duration timeout) {
        process.toHandle().destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not exit within " + timeout + " of SIGTERM" + state());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while stopping " + name, e);
        }
        return process.exitValue();
    }

    /**
     * The JVM's PID: the process itself, or for a server started by its shell script (which may run java as
     * a child rather than exec it) the java process below it.
     */
    public long jvmPid() {
        return process.toHandle().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .findFirst().orElse(process.toHandle()).pid();
    }

    /** Ends the process and whatever it started (a server script's JVM): SIGTERM, then SIGKILL after a grace period. */
    @Override
    public void close() {
        resumeStdout();
        try {
            List<ProcessHandle> children = process.toHandle().descendants().toList();
            children.forEach(ProcessHandle::destroy);
            for (ProcessHandle child : children) {
                try {
                    child.onExit().get(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    child.destroyForcibly();
                }
            }
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            output.close();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            if (!process.isAlive()) {
                RUNNING.remove(process);
            }
        }
    }

    @Override
    public String toString() {
        return name + " pid " + process.pid() + " on port " + appPort;
    }

    private String state() {
        String status = process.isAlive() ? "is running" : "exited with code " + process.exitValue();
        return "\n" + name + " " + status + "; full output in " + output.logFile()
                + "\nlast lines:\n" + output.tail(TAIL_LINES);
    }

    /** Between two polls; an interrupt ends the test. */
    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while polling", e);
        }
    }
}
