package io.obsagent.core.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obsagent.core.config.ConfigLoader;
import io.obsagent.core.config.FaultPoint;
import io.obsagent.core.config.Settings;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.events.Level;
import io.obsagent.core.events.RequestIdentity;
import io.obsagent.core.metrics.HttpMetrics;
import io.obsagent.core.metrics.LabelLimit;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * A real {@link RequestTracker} over a real registry and event writer, whose logging context records what it is
 * asked ("enter id", "exit id") and whose async ends are accepted (the test then completes the request itself).
 */
final class TrackerFixture {

    private static final ObjectMapper JSON = new ObjectMapper();

    final PrometheusRegistry registry = new PrometheusRegistry();
    final List<String> logging = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final EventWriter events = EventWriter.start("svc", Level.INFO,
            ConfigLoader.load(null, new Properties(), Collections.emptyMap()).get(Settings.LOG_TARGET),
            new PrintStream(out, true), new PrintStream(out, true));
    private final LoggingContext recording = new LoggingContext() {
        @Override
        public Object enter(RequestIdentity request) {
            logging.add("enter " + request.requestId());
            return request.requestId();
        }

        @Override
        public void exit(Object scope) {
            logging.add("exit " + scope);
        }
    };

    RequestTracker tracker() {
        return tracker(true, null);
    }

    RequestTracker tracker(boolean accessLog, FaultPoint fault) {
        RequestRecorder recorder = new RequestRecorder(new Routes(new LabelLimit(500)),
                new HttpMetrics(registry, new double[]{0.1, 1}), events, accessLog);
        return new RequestTracker(new RequestIds(128), new CurrentRequest(recording), recorder,
                (request, asyncContext, listenerType) -> true, fault);
    }

    /** The outermost dispatch of {@code request} returns with this route template and status. */
    static void exit(RequestContext request, String template, int status, Throwable thrown) {
        request.frameworkRoute(template);
        request.servletRoute("", null, null, null);
        request.dispatchExited(status, thrown, null, null);
    }

    long inFlight() {
        return (long) ((GaugeSnapshot) snapshot("http_requests_in_flight")).getDataPoints().get(0).getValue();
    }

    double counter(String name, Labels labels) {
        for (CounterSnapshot.CounterDataPointSnapshot p : ((CounterSnapshot) snapshot(name)).getDataPoints()) {
            if (p.getLabels().equals(labels)) {
                return p.getValue();
            }
        }
        return 0;
    }

    double total(String name) {
        return ((CounterSnapshot) snapshot(name)).getDataPoints().stream()
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
    }

    long histogramCount(Labels labels) {
        return ((HistogramSnapshot) snapshot("http_request_duration_seconds")).getDataPoints().stream()
                .filter(p -> p.getLabels().equals(labels)).findFirst().orElseThrow().getCount();
    }

    private MetricSnapshot snapshot(String name) {
        return registry.scrape().stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    List<JsonNode> events(String name) throws Exception {
        events.flush(2000, 2000);
        List<JsonNode> found = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                JsonNode node = JSON.readTree(line);
                if (node.get("event").asText().equals(name)) {
                    found.add(node);
                }
            }
        }
        return found;
    }
}
