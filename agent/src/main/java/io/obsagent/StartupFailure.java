package io.obsagent;

import io.obsagent.core.events.AgentEvents;
import io.obsagent.core.events.Event;
import io.obsagent.core.events.EventFormat;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Reports a failure that stopped the agent from starting, or a second copy of it that stays inert. The event
 * writer may not exist yet, so this writes one {@code agent_error} line straight to standard error, in the
 * shape of every other event.
 */
final class StartupFailure {

    private StartupFailure() {
    }

    static void report(String where, Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        write("unknown-service", AgentEvents.error(where, "the agent did not start; the application runs without it: " + trace));
    }

    /** A copy of the agent that stays inert while another copy runs: a warning, with no stack trace. */
    static void inert(String service, String why) {
        write(service, AgentEvents.warning("premain", why));
    }

    private static void write(String service, Event event) {
        try {
            System.err.print(new EventFormat(service).format(event));
            System.err.flush();
        } catch (Throwable ignored) {
            // Nothing more can be done without risking the application's start.
        }
    }
}
