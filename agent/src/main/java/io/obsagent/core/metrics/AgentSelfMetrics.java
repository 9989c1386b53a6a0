package io.obsagent.core.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.function.LongSupplier;

/** Metrics about the agent itself: who it is, the faults it swallowed, the events it had to drop. */
public final class AgentSelfMetrics {

    private final Counter errors;

    public AgentSelfMetrics(PrometheusRegistry registry, String agentVersion, String service, LongSupplier droppedEvents) {
        Gauge.builder().name("obs_agent_info").help("obs-agent is attached; always 1")
                .labelNames("version", "service").register(registry)
                .labelValues(agentVersion, service).set(1);
        errors = Counter.builder().name("obs_agent_errors_total")
                .help("Faults inside the agent that it caught, so the application never saw them")
                .labelNames("where").withoutExemplars().register(registry);
        CounterWithCallback.builder().name("obs_log_events_dropped_total")
                .help("Agent events dropped because the event queue was full")
                .callback(callback -> callback.call(droppedEvents.getAsLong())).register(registry);
    }

    /** Counts one swallowed fault; {@code where} is one of a fixed set of names in the agent's code. */
    public void error(String where) {
        errors.labelValues(where).inc();
    }
}
