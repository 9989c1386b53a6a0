package io.obsagent.server;

import io.obsagent.core.config.ConfigLoader;
import io.obsagent.core.config.Settings;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.events.Level;
import io.obsagent.core.metrics.AgentFaults;
import io.obsagent.core.metrics.AgentSelfMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Collections;
import java.util.Properties;

/** Real {@link AgentFaults} whose counts and events a test can read. */
public final class RecordedFaults {

    public final PrometheusRegistry registry = new PrometheusRegistry();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final EventWriter events = EventWriter.start("svc", Level.INFO,
            ConfigLoader.load("", new Properties(), Collections.emptyMap()).get(Settings.LOG_TARGET),
            new PrintStream(out, true), new PrintStream(out, true));
    public final AgentFaults faults = new AgentFaults(new AgentSelfMetrics(registry, "test", "svc", () -> 0), events);

    public double count(String where) {
        for (MetricSnapshot snapshot : registry.scrape()) {
            if (snapshot.getMetadata().getName().equals("obs_agent_errors")) {
                for (CounterSnapshot.CounterDataPointSnapshot p : ((CounterSnapshot) snapshot).getDataPoints()) {
                    if (where.equals(p.getLabels().get("where"))) {
                        return p.getValue();
                    }
                }
            }
        }
        return 0;
    }

    public String events() {
        events.flush(2000, 2000);
        return out.toString();
    }
}
