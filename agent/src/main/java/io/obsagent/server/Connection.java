package io.obsagent.server;

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

    void clearBuffer() {
        start = 0;
        limit = 0;
        scanned = 0;
    }
}
