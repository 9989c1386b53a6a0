package io.obsagent.server;

import java.util.concurrent.TimeUnit;

/**
 * What the side server allows a client, so that no client, however slow, many or hostile, can take more than a
 * bounded share of the process: connections, bytes and time.
 */
final class ServerLimits {

    /** Open connections at most; a newcomer beyond them closes the one that has waited longest for its request. */
    static final int MAX_CONNECTIONS = 64;
    /** The most a request line and its headers may take; longer heads are answered 431. */
    static final int MAX_HEAD_BYTES = 8 * 1024;
    /** A request body up to this size is skipped so the connection can be kept; a larger one closes it. */
    static final int MAX_SKIPPED_BODY = 64 * 1024;
    /** A kept-alive (or new) connection may wait this long for its next request to start. */
    static final long IDLE_MILLIS = 30_000;
    /** Once a request has started, its head (and a small body to skip) must have arrived within this. */
    static final long REQUEST_DEADLINE_MILLIS = 2000;
    /** From a complete request to the last byte of its answer written. */
    static final long DEADLINE_MILLIS = 5000;

    final int maxConnections;
    final long idleNanos;
    final long requestNanos;
    final long exchangeNanos;

    ServerLimits(int maxConnections, long idleMillis, long requestDeadlineMillis, long exchangeDeadlineMillis) {
        this.maxConnections = maxConnections;
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
        this.requestNanos = TimeUnit.MILLISECONDS.toNanos(requestDeadlineMillis);
        this.exchangeNanos = TimeUnit.MILLISECONDS.toNanos(exchangeDeadlineMillis);
    }

    static ServerLimits defaults() {
        return new ServerLimits(MAX_CONNECTIONS, IDLE_MILLIS, REQUEST_DEADLINE_MILLIS, DEADLINE_MILLIS);
    }
}
