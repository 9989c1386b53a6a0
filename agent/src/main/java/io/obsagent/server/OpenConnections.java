package io.obsagent.server;

import java.util.ArrayList;
import java.util.List;

/**
 * The side server's open connections, kept by its I/O thread: which one a newcomer displaces when all places are
 * taken, and which deadline comes next. Only {@link #size} is read by other threads.
 */
final class OpenConnections {

    private final List<Connection> open = new ArrayList<Connection>();
    private volatile int size;

    void add(Connection c) {
        open.add(c);
        size = open.size();
    }

    void remove(Connection c) {
        open.remove(c);
        size = open.size();
    }

    int size() {
        return size;
    }

    /** The i-th connection, newest last; callers that close while iterating go from the end. */
    Connection get(int index) {
        return open.get(index);
    }

    /**
     * The connection a newcomer displaces: the one that has waited longest for its request, or {@code null} when
     * none waits. Connections that have not had a request answered yet go first: a client that keeps its
     * connection alive between requests (a scraper) loses it only when every waiting connection is such a one.
     */
    Connection longestWaiting() {
        Connection longest = null;
        for (Connection c : open) {
            if ((c.state == Connection.State.WAITING || c.state == Connection.State.READING)
                    && (longest == null || evictsBefore(c, longest))) {
                longest = c;
            }
        }
        return longest;
    }

    static boolean evictsBefore(Connection a, Connection b) {
        if ((a.answered == 0) != (b.answered == 0)) {
            return a.answered == 0;
        }
        return a.waitingSince - b.waitingSince < 0;
    }

    /** The earliest connection deadline, or {@code next} when none comes before it (nano times). */
    long earliestDeadline(long next) {
        long earliest = next;
        for (Connection c : open) {
            if (c.deadline - earliest < 0) {
                earliest = c.deadline;
            }
        }
        return earliest;
    }
}
