package io.obsagent.core.events;


import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The one writer of agent events. Producers only enqueue into a bounded queue and never block: when it is
 * full the event is dropped and counted. A single daemon thread turns events into JSON lines and writes
 * them in batches of whole lines ({@link LineBuffer}), so a line never interleaves with the application's
 * output on the same stream.
 *
 * <p>Producers do not wake the writer per event: a futex wake-up and two context switches per request cost
 * more than the whole rest of the request path. While events keep coming the writer sleeps
 * {@link #BATCH_INTERVAL_NANOS} between batches on its own timer; after {@link #IDLE_ROUNDS} empty rounds it
 * parks until the next event, and only then does a producer unpark it (once, at the start of the next burst).
 */
public final class EventWriter {

    public static final int DEFAULT_CAPACITY = 8192;
    /** The longest an event waits for the writer while events keep coming. */
    static final long BATCH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Empty rounds (of one batch interval each) before the writer parks until woken. */
    static final int IDLE_ROUNDS = 20;
    private static final int MAX_BATCH_EVENTS = 1024;
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
    private final LineBuffer lines = new LineBuffer();
    /** True while the writer is parked without a timeout: then (and only then) a producer must unpark it. */
    private volatile boolean sleeping;
    private volatile Thread writerThread;

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
        writerThread = thread;
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
            if (sleeping) {
                sleeping = false;
                LockSupport.unpark(writerThread);
            }
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
        List<Event> batch = new ArrayList<Event>(MAX_BATCH_EVENTS);
        int idleRounds = 0;
        while (!Thread.currentThread().isInterrupted()) {
            if (queue.drainTo(batch, MAX_BATCH_EVENTS) > 0) {
                writeAll(batch);
                batch.clear();
                idleRounds = 0;
                if (!queue.isEmpty()) {
                    continue;
                }
            }
            reportDrops();
            if (idleRounds++ < IDLE_ROUNDS) {
                LockSupport.parkNanos(this, BATCH_INTERVAL_NANOS);
            } else {
                sleeping = true;
                // Re-checked after announcing the sleep: an event offered before it was seen either here or by
                // its producer, which then unparks this thread.
                if (queue.isEmpty()) {
                    LockSupport.park(this);
                }
                sleeping = false;
                idleRounds = 0;
            }
        }
    }

    /** Formats and writes the batch; every event ends finished, written or counted as dropped. */
    private void writeAll(List<Event> batch) {
        for (Event event : batch) {
            CharSequence line;
            try {
                line = format.formatInPlace(event);
            } catch (Throwable t) {
                // A failing event must not kill the writer: count it, and go on with the next.
                dropped.increment();
                finished++;
                continue;
            }
            int pending = lines.pendingLines();
            try {
                finished += lines.add(line, out);
            } catch (Throwable t) {
                lost(pending + 1);
            }
        }
        int pending = lines.pendingLines();
        try {
            finished += lines.writeTo(out);
        } catch (Throwable t) {
            lost(pending);
        }
    }

    /** A write failed (a broken stream shows again in the next one): the lines it carried count as dropped. */
    private void lost(int lineCount) {
        dropped.add(lineCount);
        finished += lineCount;
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
        lines.add(format.formatInPlace(event), out);
        lines.writeTo(out);
    }
}
