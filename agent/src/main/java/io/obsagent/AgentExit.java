package io.obsagent;

import io.obsagent.core.events.EventWriter;
import io.obsagent.server.SideServer;

/**
 * The agent's part in the JVM's exit, run as a shutdown hook. It closes the side server first: the JVM waits up
 * to 300 ms at exit for threads sitting in native code, and the server's I/O thread always sits in
 * {@code select}, so an open server would delay every exit by that much. Then it writes the events still
 * queued, waiting only while the output keeps moving.
 */
final class AgentExit implements Runnable {

    /** A stalled output is given up after this long without progress. */
    static final long FLUSH_STALL_MILLIS = 150;
    /** The longest the events may hold up the exit, however fast they still drain. */
    static final long FLUSH_MAX_MILLIS = 2000;

    private final EventWriter events;
    private volatile SideServer server;

    AgentExit(EventWriter events) {
        this.events = events;
    }

    /** The side server, once it runs: closed at exit. */
    void serverStarted(SideServer started) {
        server = started;
    }

    @Override
    public void run() {
        SideServer running = server;
        if (running != null) {
            try {
                running.stop();
            } catch (Throwable ignored) {
                // The JVM is exiting: the events still matter more than a clean close.
            }
        }
        events.flush(FLUSH_STALL_MILLIS, FLUSH_MAX_MILLIS);
    }
}
