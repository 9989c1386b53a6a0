package io.obsagent.core.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.obsagent.core.config.ConfigLoader;
import io.obsagent.core.config.Settings;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.events.Level;
import io.obsagent.core.metrics.HttpMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTrackerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final EventWriter events = EventWriter.start("svc", Level.INFO,
            ConfigLoader.load(null, new Properties(), Collections.emptyMap()).get(Settings.LOG_TARGET),
            new PrintStream(out, true), new PrintStream(out, true));
    private final RequestTracker tracker = new RequestTracker(new RequestIds(128), new Routes(new RouteLimiter(500)),
            new HttpMetrics(registry, new double[]{0.1, 1}), events, true, LoggingContext.NONE);

    @Test
    void aRequestIsCountedTimedAndLogged() throws Exception {
        RequestContext request = tracker.start("GET", "/api/v1/tasks/7", "incoming-1");
        assertThat(request.requestId()).isEqualTo("incoming-1");
        assertThat(inFlight()).isEqualTo(1);
        tracker.leaveThread(request);
        tracker.end(request, 200, new RouteInfo("/api/v1/tasks/{id}", null, null, null), null, null);

        assertThat(inFlight()).isZero();
        assertThat(counter("http_requests", Labels.of("endpoint", "/api/v1/tasks/{id}", "method", "GET", "status", "200"))).isEqualTo(1);
        assertThat(histogramCount(Labels.of("endpoint", "/api/v1/tasks/{id}", "method", "GET", "status", "200"))).isEqualTo(1);
        JsonNode access = events("request_processed").get(0);
        assertThat(access.get("request_id").asText()).isEqualTo("incoming-1");
        assertThat(access.get("path").asText()).isEqualTo("/api/v1/tasks/7");
        assertThat(access.get("endpoint").asText()).isEqualTo("/api/v1/tasks/{id}");
        assertThat(access.get("status").isInt()).isTrue();
        assertThat(access.get("duration_ms").isNumber()).isTrue();
        assertThat(access.size()).isEqualTo(11);
    }

    @Test
    void endingTwiceRecordsOnce() throws Exception {
        RequestContext request = tracker.start("GET", "/a", null);
        tracker.end(request, 200, null, null, null);
        tracker.end(request, 500, null, new IllegalStateException(), null);
        assertThat(counter("http_requests", Labels.of("endpoint", "/a", "method", "GET", "status", "200"))).isEqualTo(1);
        assertThat(total("http_requests")).isEqualTo(1);
        assertThat(total("http_exceptions")).isZero();
        assertThat(events("request_processed")).hasSize(1);
    }

    @Test
    void escapingExceptionIsUnwrappedCountedOnceAndMakesTheStatus500() throws Exception {
        RequestContext request = tracker.start("POST", "/api/v1/tasks", null);
        Exception wrapped = new javax.servlet.ServletException("Request processing failed", new IllegalStateException("boom"));
        tracker.end(request, 200, new RouteInfo("/api/v1/tasks", null, null, null), wrapped, null);

        assertThat(counter("http_requests", Labels.of("endpoint", "/api/v1/tasks", "method", "POST", "status", "500"))).isEqualTo(1);
        assertThat(counter("http_exceptions", Labels.of("endpoint", "/api/v1/tasks", "exception", "java.lang.IllegalStateException", "method", "POST"))).isEqualTo(1);
        JsonNode event = events("unhandled_exception").get(0);
        assertThat(event.get("request_id").asText()).isEqualTo(request.requestId());
        assertThat(event.get("exception_type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(event.get("exception_message").asText()).isEqualTo("boom");
        assertThat(event.get("stack_trace").asText()).contains("IllegalStateException: boom").contains("\tat ");
        assertThat(event.get("level").asText()).isEqualTo("error");
    }

    @Test
    void anErrorStatusAlreadySetIsKept() throws Exception {
        RequestContext request = tracker.start("GET", "/x", null);
        tracker.end(request, 503, null, new IllegalStateException(), null);
        assertThat(counter("http_requests", Labels.of("endpoint", "/x", "method", "GET", "status", "503"))).isEqualTo(1);
    }

    @Test
    void frameworkRecordedErrorCountsOnlyForServerErrors() throws Exception {
        RequestContext badInput = tracker.start("POST", "/t", null);
        tracker.end(badInput, 400, null, null, new IllegalArgumentException("validation"));
        RequestContext handled500 = tracker.start("POST", "/t", null);
        tracker.end(handled500, 500, null, null, new IllegalStateException("handled"));
        assertThat(total("http_exceptions")).isEqualTo(1);
        assertThat(events("unhandled_exception")).hasSize(1);
    }

    @Test
    void asyncThrowableRecordedAfterTheDispatchIsCounted() throws Exception {
        RequestContext request = tracker.start("GET", "/async", null);
        tracker.leaveThread(request);
        tracker.suspend(request, new RouteInfo("/async", null, null, null));
        tracker.nestedThrown(request, new IllegalStateException("late"));
        tracker.end(request, 500, null, null, null);
        assertThat(counter("http_exceptions", Labels.of("endpoint", "/async", "exception", "java.lang.IllegalStateException", "method", "GET"))).isEqualTo(1);
    }

    @Test
    void jaxRsTemplateNamedOnTheRequestThreadIsUsed() throws Exception {
        RequestContext request = tracker.start("GET", "/api/users/5", null);
        tracker.routeTemplate("/users/{id}");
        tracker.routeTemplate("/inner/{x}");
        tracker.leaveThread(request);
        tracker.routeTemplate("/after/leaving");
        tracker.end(request, 200, new RouteInfo(null, "/api", "/users/5", "/api/*"), null, null);
        assertThat(events("request_processed").get(0).get("endpoint").asText()).isEqualTo("/api/users/{id}");
    }

    @Test
    void accessLogCanBeTurnedOff() throws Exception {
        RequestTracker quiet = new RequestTracker(new RequestIds(128), new Routes(new RouteLimiter(5)),
                new HttpMetrics(new PrometheusRegistry(), new double[]{1}), events, false, LoggingContext.NONE);
        RequestContext request = quiet.start("GET", "/", null);
        quiet.end(request, 200, null, null, null);
        assertThat(events("request_processed")).isEmpty();
    }

    private long inFlight() {
        for (MetricSnapshot snapshot : registry.scrape()) {
            if (snapshot.getMetadata().getName().equals("http_requests_in_flight")) {
                return (long) ((io.prometheus.metrics.model.snapshots.GaugeSnapshot) snapshot).getDataPoints().get(0).getValue();
            }
        }
        throw new AssertionError("no in-flight gauge");
    }

    private double counter(String name, Labels labels) {
        for (CounterSnapshot.CounterDataPointSnapshot p : counterSnapshot(name).getDataPoints()) {
            if (p.getLabels().equals(labels)) {
                return p.getValue();
            }
        }
        return 0;
    }

    private double total(String name) {
        return counterSnapshot(name).getDataPoints().stream().mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
    }

    private CounterSnapshot counterSnapshot(String name) {
        return (CounterSnapshot) registry.scrape().stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    private long histogramCount(Labels labels) {
        HistogramSnapshot h = (HistogramSnapshot) registry.scrape().stream()
                .filter(s -> s.getMetadata().getName().equals("http_request_duration_seconds")).findFirst().orElseThrow();
        return h.getDataPoints().stream().filter(p -> p.getLabels().equals(labels)).findFirst().orElseThrow().getCount();
    }

    private List<JsonNode> events(String name) throws Exception {
        events.flush(2000, 2000);
        List<JsonNode> found = new ArrayList<>();
        for (String line : out.toString("UTF-8").split("\n")) {
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
