package io.obsagent.instrumentation.logging;

import io.obsagent.core.applogs.AppLogFormat;
import io.obsagent.core.config.ConfigLoader;
import io.obsagent.core.events.AppLogShape;
import io.obsagent.core.config.Settings;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.events.Level;
import io.obsagent.core.metrics.AgentSelfMetrics;
import io.obsagent.core.request.CurrentRequest;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Collections;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class AppLogsJsonTest {

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(stdout, true);
    private final PrometheusRegistry registry = new PrometheusRegistry();

    @Test
    void aFaultIsCountedEachTimeButReportedOnce() {
        EventWriter events = EventWriter.start("svc", Level.INFO,
                ConfigLoader.load("", new Properties(), Collections.emptyMap()).get(Settings.LOG_TARGET), out, out);
        AppLogsJson appLogs = new AppLogsJson(events, new AgentSelfMetrics(registry, "1", "svc", () -> 0),
                new AppLogFormat("svc", AppLogShape.AGENT, new CurrentRequest(null), fault -> {
                }));

        Object notABuilder = new Object();
        appLogs.consoleAppenderStarting(notABuilder);
        appLogs.consoleAppenderStarting(notABuilder);
        events.flush(2000, 2000);

        assertThat(stdout.toString().split("\n")).hasSize(1);
        assertThat(stdout.toString()).contains("\"event\":\"agent_error\"").contains("\"where\":\"app_logs.json\"");
        assertThat(errors()).isEqualTo(2);
    }

    private double errors() {
        return registry.scrape().stream().filter(s -> s.getMetadata().getName().equals("obs_agent_errors"))
                .map(s -> (CounterSnapshot) s).flatMap(s -> s.getDataPoints().stream())
                .filter(p -> p.getLabels().get("where").equals("app_logs.json"))
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
    }
}
