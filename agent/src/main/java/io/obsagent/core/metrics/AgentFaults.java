package io.obsagent.core.metrics;

import io.obsagent.bridge.Faults;
import io.obsagent.core.config.FaultPoint;
import io.obsagent.core.events.AgentEvents;
import io.obsagent.core.events.EventWriter;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Faults inside the agent that it caught so the application never saw them (agent/SPEC.md §6): every one is counted
 * in {@code obs_agent_errors_total}; the first of each kind is also logged, so a recurring fault cannot
 * flood the log.
 */
public final class AgentFaults implements Faults.Sink {

    private static final int KINDS_LOGGED = 64;

    private final AgentSelfMetrics metrics;
    private final EventWriter events;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public AgentFaults(AgentSelfMetrics metrics, EventWriter events) {
        this.metrics = metrics;
        this.events = events;
    }

    /** Counted under the advice that met the fault, or under the point a test injected it at. */
    @Override
    public void adviceFailed(String where, Throwable failure) {
        report(failure instanceof FaultPoint.Injected ? ((FaultPoint.Injected) failure).where() : where, failure);
    }

    /** {@code where} is one of a fixed set of names in the agent's code, never a value from outside. */
    public void report(String where, Object failure) {
        metrics.error(where);
        if (reported.size() < KINDS_LOGGED && reported.add(where)) {
            events.emit(AgentEvents.error(where, String.valueOf(failure)));
        }
    }
}
