package io.obsagent.core.events;


import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The one writer of agent events. Producers only enqueue into a bounded queue and never block: when it is
 * full the event is dropped and counted. A single daemon thread turns events into JSON lines and writes
 * each line with one call, so a line never interleaves with the application's output on the same stream.
 */
public final class EventWriter {

    public static final int DEFAULT_CAPACITY = 8192;
    /** Losses are reported in the output itself, at most this often, so an overloaded output is not made worse. */
    static final long DROP_REPORT_INTERVAL_MILLIS = 10_000;

    private final Level minLevel;
    private final BlockingQueue<Event> queue;
    private final LongAdder dropped = new LongAdder();
    /** Events accepted into the queue, and events the writer has finished with (written or failed): flush compares them. */
    private final AtomicLong accepted = new AtomicLong();
    private volatile long finished; // written by the writer thread only, so ++ is safe
    private final int capacity;
    private final OutputStream out;
    private final EventFormat format;
    /** Writer thread only: the drop count last reported, and when. */
    private long reportedDrops;
    private long lastDropReport; // 0: never

    EventWriter(String service, Level minLevel, OutputStream out, int capacity) {
        this.format = new EventFormat(service);
        this.minLevel = minLevel;
        this.out = out;
        this.queue = new ArrayBlockingQueue<Event>(capacity);
        this.capacity = capacity;
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

    /** Enqueues the event if its level is enabled; drops and counts it when the queue is full. Never blocks. */
    public void emit(Event event) {
        if (!isEnabled(event.level())) {
            return;
        }
        if (queue.offer(event)) {
            accepted.incrementAndGet();
        } else {
            dropped.increment();
        }
    }

    /** Events lost because the queue was full since start. */
    public long dropped() {
        return dropped.sum();
    }

    /**
     * Waits until every event accepted before the call is written (or has failed), as long as the writer keeps
     * making progress: it gives up once no event has been finished for {@code stallMillis}, and after
     * {@code maxMillis} in all. A stalled output thus cannot hold up the JVM's exit, while a slow one that is
     * still moving (a log shipper catching up) gets every pending event.
     */
    public void flush(long stallMillis, long maxMillis) {
        long target = accepted.get();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        long stall = TimeUnit.MILLISECONDS.toNanos(stallMillis);
        long seen = finished;
        long lastProgress = start;
        while (seen < target) {
            long now = System.nanoTime();
            if (now - deadline >= 0 || now - lastProgress >= stall) {
                return;
            }
            LockSupport.parkNanos(500_000L);
            long current = finished;
            if (current != seen) {
                seen = current;
                lastProgress = System.nanoTime();
            }
        }
    }

    private void drainForever() {
        while (true) {
            Event event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            for (; event != null; event = queue.poll()) {
                writeOne(event);
            }
            reportDrops();
            try {
                out.flush();
            } catch (Throwable t) {
                // Nothing to count: the lines were handed over; a broken stream shows in the next write.
            }
        }
    }

    private void writeOne(Event event) {
        try {
            write(event);
        } catch (Throwable t) {
            // A broken stream or a failing event must not kill the writer: count it, and go on with the next.
            dropped.increment();
        } finally {
            finished++;
        }
    }

    /**
     * Says in the output that events were lost, once the queue has drained and at most every
     * {@link #DROP_REPORT_INTERVAL_MILLIS}. Written directly by this thread, so the report itself is never dropped.
     */
    private void reportDrops() {
        long total = dropped.sum();
        long now = System.currentTimeMillis();
        boolean tooSoon = lastDropReport != 0 && now - lastDropReport < DROP_REPORT_INTERVAL_MILLIS;
        if (total == reportedDrops || !queue.isEmpty() || tooSoon) {
            return;
        }
        Event report = AgentEvents.error("log.queue", (total - reportedDrops) + " agent events dropped, " + total
                + " since start: the event output was slower than the application and the queue of "
                + capacity + " was full");
        reportedDrops = total;
        lastDropReport = now;
        try {
            write(report);
        } catch (Throwable t) {
            // The output is still broken; the count stays in obs_log_events_dropped_total.
        }
    }

    private void write(Event event) throws IOException {
        byte[] bytes = format.format(event).getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
    }
}
