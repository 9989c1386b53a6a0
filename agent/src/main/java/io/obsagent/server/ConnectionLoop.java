package io.obsagent.server;

import io.obsagent.core.events.JsonFields;
import io.obsagent.core.metrics.AgentFaults;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The side server's one I/O thread: accepts connections, reads request heads without blocking, hands each complete
 * request to a worker, and takes the connection back when the worker has answered. A client that connects and sends
 * nothing, or sends its request a byte at a time, costs a socket and at most {@link ServerLimits#MAX_HEAD_BYTES} of
 * buffer, never a thread: the workers only ever see complete requests, so probes are answered at once whatever
 * slow clients do. Every connection has a deadline (idle, request, exchange) and there are at most
 * {@link ServerLimits#maxConnections} of them: a newcomer beyond that closes the one that has waited longest for its
 * request, so a probe always gets in.
 */
final class ConnectionLoop implements Runnable {

    private static final int ACCEPTS_PER_ROUND = 64;
    private static final long MAX_SELECT_MILLIS = 1000;
    private static final long ACCEPT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final String BUSY = JsonFields.object(f -> f.string("error", "busy"));

    private final ServerSocketChannel server;
    private final Selector selector;
    private final SelectionKey acceptKey;
    private final ServerLimits limits;
    private final Exchanges exchanges;
    private final AgentFaults faults;
    private final OpenConnections open = new OpenConnections();
    private final ConcurrentLinkedQueue<Connection> answered = new ConcurrentLinkedQueue<Connection>();
    private final ByteBuffer scratch = ByteBuffer.allocate(ServerLimits.MAX_HEAD_BYTES);
    private volatile boolean running = true;
    private long acceptResumesAt;
    private boolean acceptPaused;

    ConnectionLoop(ServerSocketChannel server, ServerLimits limits, Exchanges exchanges, AgentFaults faults)
            throws IOException {
        this.server = server;
        this.limits = limits;
        this.exchanges = exchanges;
        this.faults = faults;
        this.selector = Selector.open();
        try {
            server.configureBlocking(false);
            this.acceptKey = server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    round();
                } catch (ClosedSelectorException stopped) {
                    return;
                } catch (Throwable t) {
                    // Never dies: counted, and the next round goes on with every connection's deadline intact.
                    faults.report("server", t);
                }
            }
        } finally {
            closeEverything();
        }
    }

    /** Called by a worker when it has answered (or given up on) the connection's request. */
    void answered(Connection connection, boolean reusable) {
        connection.reusable = reusable;
        answered.add(connection);
        selector.wakeup();
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    /** How many connections are open now (for tests). */
    int openConnections() {
        return open.size();
    }

    private void round() throws IOException {
        selector.select(selectMillis(System.nanoTime()));
        long now = System.nanoTime();
        for (Connection c; (c = answered.poll()) != null; ) {
            resume(c, now);
        }
        // Reads first: a request that has arrived is taken (and its connection no longer waits) before newcomers
        // may close waiting connections to make room.
        boolean acceptable = false;
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            if (!key.isValid()) {
                continue;
            }
            if (key == acceptKey) {
                acceptable = true;
            } else if (key.isReadable()) {
                read((Connection) key.attachment(), now);
            }
        }
        if (acceptable) {
            accept(now);
        }
        expire(now);
        if (acceptPaused && now - acceptResumesAt >= 0) {
            acceptPaused = false;
            acceptKey.interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    private long selectMillis(long now) {
        long next = open.earliestDeadline(now + TimeUnit.MILLISECONDS.toNanos(MAX_SELECT_MILLIS));
        if (acceptPaused && acceptResumesAt - next < 0) {
            next = acceptResumesAt;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - now) + 1);
    }

    private void accept(long now) {
        for (int i = 0; i < ACCEPTS_PER_ROUND; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                // E.g. the process is out of file descriptors: try again in a moment rather than spin.
                faults.report("server_accept", e);
                acceptPaused = true;
                acceptResumesAt = now + ACCEPT_PAUSE_NANOS;
                acceptKey.interestOps(0);
                return;
            }
            if (channel == null) {
                return;
            }
            if (open.size() >= limits.maxConnections && !closeLongestWaiting()) {
                closeQuietly(channel);
                faults.report("server_busy", "all " + limits.maxConnections
                        + " side server connections are busy; a new connection was closed");
                continue;
            }
            Connection c = new Connection(channel);
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                c.key = channel.register(selector, SelectionKey.OP_READ, c);
            } catch (IOException | RuntimeException e) {
                closeQuietly(channel);
                continue;
            }
            open.add(c);
            c.waitForRequest(now, limits);
            // A probe sends its request as it connects: most often it is here already, and is taken at once.
            read(c, now);
        }
    }

    /** Makes room for a newcomer, if a connection waits for its request (see {@link OpenConnections#longestWaiting}). */
    private boolean closeLongestWaiting() {
        Connection longest = open.longestWaiting();
        if (longest == null) {
            return false;
        }
        close(longest);
        faults.report("server_busy", "the side server had " + limits.maxConnections
                + " connections open; the one waiting longest for its request was closed for a new one");
        return true;
    }

    private void read(Connection c, long now) {
        if (c.state == Connection.State.BUSY || c.state == Connection.State.CLOSED) {
            return;
        }
        int n;
        try {
            n = c.read(scratch);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            close(c);
            return;
        }
        if (n > 0 && c.state == Connection.State.WAITING) {
            c.state = Connection.State.READING;
            c.deadline = now + limits.requestNanos;
        }
        process(c, now);
    }

    /** Consumes what was read (see {@link Connection#takeRequest}); a complete request goes to a worker. */
    private void process(Connection c, long now) {
        SideRequest request;
        try {
            request = c.takeRequest(now, limits);
        } catch (RequestHead.Malformed malformed) {
            String error = malformed.status == 431 ? "request_head_too_large" : "bad_request";
            answerAndClose(c, malformed.status, JsonFields.object(f -> f.string("error", error)));
            return;
        }
        if (request == null) {
            return;
        }
        c.state = Connection.State.BUSY;
        c.deadline = now + limits.exchangeNanos;
        c.key.interestOps(0);
        if (!exchanges.dispatch(c, request)) {
            faults.report("server_busy", "side server workers and queue full; a request was answered 503");
            answerAndClose(c, 503, BUSY);
        }
    }

    /** A worker is done with the connection: it waits for the next request, or goes. */
    private void resume(Connection c, long now) {
        if (c.state != Connection.State.BUSY) {
            return; // closed meanwhile (its deadline passed, or it was stopped)
        }
        if (!c.reusable || c.closeAfter) {
            close(c);
            return;
        }
        if (c.answeredAndKept(now, limits)) {
            process(c, now);
        }
        if (c.state == Connection.State.WAITING || c.state == Connection.State.READING) {
            c.key.interestOps(SelectionKey.OP_READ);
        }
    }

    /** Closes every connection past its deadline: idle ones quietly, slow ones counted. */
    private void expire(long now) {
        for (int i = open.size() - 1; i >= 0; i--) {
            Connection c = open.get(i);
            if (now - c.deadline < 0) {
                continue;
            }
            if (c.state == Connection.State.READING) {
                faults.report("server_timeout", "a request did not arrive within "
                        + TimeUnit.NANOSECONDS.toMillis(limits.requestNanos) + " ms (slow client); its connection was closed");
            } else if (c.state == Connection.State.BUSY) {
                faults.report("server_timeout", "an exchange took longer than "
                        + TimeUnit.NANOSECONDS.toMillis(limits.exchangeNanos) + " ms; its connection was closed");
            }
            close(c);
        }
    }

    /** A short answer written without waiting (what does not fit is dropped), then the connection is closed. */
    private void answerAndClose(Connection c, int status, String json) {
        try {
            c.channel.write(SideExchange.error(status, json));
        } catch (IOException | RuntimeException ignored) {
            // the client is gone or not reading: closing is all that is left
        }
        close(c);
    }

    private void close(Connection c) {
        c.close();
        open.remove(c);
    }

    private void closeEverything() {
        for (int i = open.size() - 1; i >= 0; i--) {
            close(open.get(i));
        }
        closeQuietly(server);
        closeQuietly(selector);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
