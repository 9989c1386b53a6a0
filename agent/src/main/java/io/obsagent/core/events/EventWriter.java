package io.obsagent.core.events;

import io.obsagent.core.config.LogTarget;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The one writer of agent events. Producers only enqueue into a bounded queue and never block: when it is
 * full the event is dropped and counted. A single daemon thread turns events into JSON lines and writes
 * each line with one call, so a line never interleaves with the application's output on the same stream.
 */
public final class EventWriter {

    public static final int DEFAULT_CAPACITY = 8192;

    private final Level minLevel;
    private final BlockingQueue<Event> queue;
    private final LongAdder dropped = new LongAdder();
    private final OutputStream out;
    private final EventFormat format;
    private volatile boolean idle = true;

    EventWriter(String service, Level minLevel, OutputStream out, int capacity) {
        this.format = new EventFormat(service);
        this.minLevel = minLevel;
        this.out = out;
        this.queue = new ArrayBlockingQueue<Event>(capacity);
    }

    /**
     * Opens the target and starts the writer thread. A file that cannot be opened is reported in an
     * {@code agent_error} event and the events go to standard output instead.
     */
    public static EventWriter start(String service, Level minLevel, LogTarget target, PrintStream stdout, PrintStream stderr) {
        OutputStream stream = stdout;
        String failure = null;
        if (target.kind() == LogTarget.Kind.STDERR) {
            stream = stderr;
        } else if (target.kind() == LogTarget.Kind.FILE) {
            try {
                stream = openFile(target.path());
            } catch (IOException | RuntimeException e) {
                failure = "cannot write to " + target.path() + " (" + e + "); writing events to stdout";
            }
        }
        EventWriter writer = new EventWriter(service, minLevel, stream, DEFAULT_CAPACITY);
        writer.startThread();
        if (failure != null) {
            writer.emit(AgentEvents.error("log.target", failure));
        }
        return writer;
    }

    void startThread() {
        Thread thread = new Thread(this::drainForever, "obs-agent-events");
        thread.setDaemon(true);
        thread.start();
    }

    private static OutputStream openFile(String path) throws IOException {
        File file = new File(path).getAbsoluteFile();
        File dir = file.getParentFile();
        if (dir != null && !dir.isDirectory() && !dir.mkdirs()) {
            throw new IOException("cannot create directory " + dir);
        }
        return new FileOutputStream(file, true);
    }

    public boolean isEnabled(Level level) {
        return level.compareTo(minLevel) >= 0;
    }

    /** Enqueues the event if its level is enabled; drops and counts it when the queue is full. */
    public void emit(Event event) {
        if (isEnabled(event.level()) && !queue.offer(event)) {
            dropped.increment();
        }
    }

    /** Events lost because the queue was full since start. */
    public long dropped() {
        return dropped.sum();
    }

    /** Waits, at most the given time, until every queued event is written. */
    public void flush(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while ((!queue.isEmpty() || !idle) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(500_000L);
        }
    }

    private void drainForever() {
        while (true) {
            try {
                Event event = queue.take();
                idle = false;
                do {
                    write(event);
                    event = queue.poll();
                } while (event != null);
                out.flush();
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                // A broken stream must not kill the writer: the next event tries again.
                dropped.increment();
            } finally {
                idle = queue.isEmpty();
            }
        }
    }

    private void write(Event event) throws IOException {
        byte[] bytes = format.format(event).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
    }
}
