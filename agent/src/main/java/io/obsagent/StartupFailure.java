package io.obsagent;

import io.obsagent.core.events.AgentEvents;
import io.obsagent.core.events.EventFormat;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Reports a failure that stopped the agent from starting. The event writer may not exist yet, so this
 * writes one {@code agent_error} line straight to standard error, in the shape of every other event.
 */
final class StartupFailure {

    private StartupFailure() {
    }

    static void report(String where, Throwable failure) {
        try {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            String line = new EventFormat("unknown-service").format(AgentEvents.error(where,
                    "the agent did not start; the application runs without it: " + trace));
            System.err.print(line);
            System.err.flush();
        } catch (Throwable ignored) {
            // Nothing more can be done without risking the application's start.
        }
    }
}
