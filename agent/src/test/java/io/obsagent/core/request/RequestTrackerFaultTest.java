package io.obsagent.core.request;

import io.obsagent.core.config.ConfigLoader;
import io.obsagent.core.config.FaultPoint;
import io.obsagent.core.config.Settings;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.events.Level;
import io.obsagent.core.metrics.HttpMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A fault inside the tracker (injected with {@code debug.inject_fault}) leaves no trace of the request behind. */
class RequestTrackerFaultTest {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final List<String> logging = new ArrayList<>();
    private final LoggingContext recording = new LoggingContext() {
        @Override
        public Object enter(String requestId, String method, String path) {
            logging.add("enter " + requestId);
            return requestId;
        }

        @Override
        public void exit(Object scope) {
            logging.add("exit " + scope);
        }
    };

    private RequestTracker tracker(FaultPoint fault) {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true);
        EventWriter events = EventWriter.start("svc", Level.INFO,
                ConfigLoader.load("", new Properties(), Collections.emptyMap()).get(Settings.LOG_TARGET), out, out);
        return new RequestTracker(new RequestIds(128), new Routes(new RouteLimiter(500)),
                new HttpMetrics(registry, new double[]{1}), events, true, recording, fault);
    }

    @Test
    void withoutAnInjectedFaultNothingIsThrown() {
        RequestTracker tracker = tracker(null);
        RequestContext request = tracker.start("GET", "/a", "id-1");
        tracker.leaveThread(request);
        tracker.end(request, 200, null, null, null);
        assertThat(requests()).isEqualTo(1);
        assertThat(inFlight()).isZero();
    }

    @Test
    void aFaultWhileStartingLeavesNothingInFlightOnTheThreadOrInTheLoggingContext() {
        RequestTracker tracker = tracker(FaultPoint.REQUEST_START);

        assertThatThrownBy(() -> tracker.start("GET", "/a", "id-1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("request.start");

        assertThat(inFlight()).isZero();
        assertThat(logging).containsExactly("enter id-1", "exit id-1");
        // No request is left on this thread: a re-dispatch here is one from outside any request.
        assertThat(tracker.redispatchStarted(new RequestContext("id-2", 0, "/b", System.nanoTime()))).isNotNull();
    }

    @Test
    void aFaultWhileEndingStillTakesTheRequestOutOfFlightOnce() {
        RequestTracker tracker = tracker(FaultPoint.REQUEST_END);
        RequestContext request = tracker.start("GET", "/a", "id-1");
        tracker.leaveThread(request);
        assertThat(inFlight()).isEqualTo(1);

        assertThatThrownBy(() -> tracker.end(request, 200, null, null, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("request.end");
        tracker.end(request, 200, null, null, null);

        assertThat(inFlight()).isZero();
        assertThat(requests()).isZero();
    }

    private long inFlight() {
        return (long) ((GaugeSnapshot) snapshot("http_requests_in_flight")).getDataPoints().get(0).getValue();
    }

    private double requests() {
        return ((CounterSnapshot) snapshot("http_requests")).getDataPoints().stream()
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
    }

    private MetricSnapshot snapshot(String name) {
        return registry.scrape().stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }
}
