package io.obsagent.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client connection of the side server. Its state and buffer belong to the {@link ConnectionLoop}'s thread; a
 * worker, while the connection is {@link State#BUSY}, only writes the answer to the channel.
 */
final class Connection {

    enum State {
        /** Waiting for the first byte of a request (new, or kept alive after an answer). */
        WAITING,
        /** A request has started to arrive (or a small body is being skipped). */
        READING,
        /** A worker is answering a complete request; nothing is read meanwhile. */
        BUSY,
        CLOSED
    }

    final SocketChannel channel;
    SelectionKey key;
    State state = State.WAITING;
    /** When it began to wait for its current request: the longest waiting is the first closed for a newcomer. */
    long waitingSince;
    /** Requests answered on it so far: a connection that has served one is closed for a newcomer only after the others. */
    int answered;
    long deadline;

    /** Bytes read and not yet consumed are {@code buffer[start, limit)}; the head was searched up to {@code scanned}. */
    byte[] buffer;
    ByteBuffer view;
    int start;
    int limit;
    int scanned;
    /** Bytes of the last request's body still to be skipped before the next request. */
    long bodyToSkip;

    /** Set before the exchange goes to a worker: the answer says {@code Connection: close} and the connection ends. */
    boolean closeAfter;
    /** Set by the worker: the answer went out whole and the connection can serve another request. */
    volatile boolean reusable;

    Connection(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Reads what the client sent; -1 at its end. Into the I/O thread's {@code scratch} buffer first: a connection
     * that never sends costs no buffer of its own.
     */
    int read(ByteBuffer scratch) throws IOException {
        int n;
        if (buffer == null) {
            scratch.clear();
            n = channel.read(scratch);
            if (n > 0) {
                scratch.flip();
                readView(ServerLimits.MAX_HEAD_BYTES).put(scratch);
            }
        } else {
            n = channel.read(readView(ServerLimits.MAX_HEAD_BYTES));
        }
        if (n > 0) {
            limit += n;
        }
        return n;
    }

    void close() {
        state = State.CLOSED;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed is closed
        }
    }

    /** The read buffer, made on the first read: a connection that never sends costs no buffer. */
    ByteBuffer readView(int size) {
        if (buffer == null) {
            buffer = new byte[size];
            view = ByteBuffer.wrap(buffer);
        }
        if (limit == buffer.length && start > 0) {
            System.arraycopy(buffer, start, buffer, 0, limit - start);
            limit -= start;
            scanned = Math.max(0, scanned - start);
            start = 0;
        }
        view.limit(buffer.length).position(limit);
        return view;
    }

    boolean hasUnreadBytes() {
        return start < limit;
    }

    /**
     * Consumes what was read: the rest of the last request's body, empty lines, then a request head. Returns the
     * request once its head is complete, else {@code null} (more must be read, or the connection now waits for its
     * next request). A head that fills the buffer unfinished is refused with 431.
     */
    SideRequest takeRequest(long now, ServerLimits limits) throws RequestHead.Malformed {
        if (bodyToSkip > 0) {
            int skip = (int) Math.min(bodyToSkip, limit - start);
            start += skip;
            bodyToSkip -= skip;
            if (bodyToSkip > 0 || !hasUnreadBytes()) {
                clearBuffer();
                if (bodyToSkip == 0) {
                    waitForRequest(now, limits);
                }
                return null;
            }
        }
        start += RequestHead.leadingEmptyLines(buffer, start, limit);
        if (!hasUnreadBytes()) {
            clearBuffer();
            return null;
        }
        int end = RequestHead.end(buffer, start, scanned, limit);
        if (end < 0) {
            scanned = limit;
            if (limit - start >= buffer.length) {
                throw new RequestHead.Malformed(431, "request head too large");
            }
            return null;
        }
        SideRequest request = RequestHead.parse(buffer, start, end);
        start = end;
        scanned = end;
        long length = request.contentLength();
        closeAfter = !request.keepAlive() || request.hasChunkedBody() || length > ServerLimits.MAX_SKIPPED_BODY;
        bodyToSkip = closeAfter ? 0 : Math.max(0, length);
        return request;
    }

    /**
     * A worker answered and the connection stays: true when bytes of the next request (or of a body to skip) are
     * here already, so it is reading again; else it waits for its next request.
     */
    boolean answeredAndKept(long now, ServerLimits limits) {
        answered++;
        if (hasUnreadBytes() || bodyToSkip > 0) {
            state = State.READING;
            waitingSince = now;
            deadline = now + limits.requestNanos;
            return true;
        }
        clearBuffer();
        waitForRequest(now, limits);
        return false;
    }

    /** Waits for the first byte of its next request, at most the idle time. */
    void waitForRequest(long now, ServerLimits limits) {
        state = State.WAITING;
        waitingSince = now;
        deadline = now + limits.idleNanos;
    }

    void clearBuffer() {
        start = 0;
        limit = 0;
        scanned = 0;
    }
}
