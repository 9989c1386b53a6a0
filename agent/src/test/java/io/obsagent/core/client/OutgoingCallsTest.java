package io.obsagent.core.client;

import io.obsagent.bridge.Outgoing;
import io.obsagent.core.request.CurrentRequest;
import io.obsagent.core.request.NoLoggingContext;
import io.obsagent.core.request.RequestIds;
import io.obsagent.core.request.RequestRecorder;
import io.obsagent.core.request.RequestTracker;
import io.obsagent.core.request.Routes;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.events.Level;
import io.obsagent.core.events.LogTarget;
import io.obsagent.core.metrics.HttpMetrics;
import io.obsagent.core.metrics.LabelLimit;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Which headers a call gets, and how it is counted. */
class OutgoingCallsTest {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final CurrentRequest current = new CurrentRequest(NoLoggingContext.INSTANCE);
    private final RequestTracker tracker = new RequestTracker(new RequestIds(128), current,
            new RequestRecorder(new Routes(new LabelLimit(10)), new HttpMetrics(new PrometheusRegistry(), new double[]{1}),
                    EventWriter.start("svc", Level.ERROR, LogTarget.parse("stdout"),
                            new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())),
                    false),
            (request, asyncContext, listenerType) -> false, null);

    private OutgoingCalls calls(boolean propagate, String excluded) {
        return new OutgoingCalls(current, "X-Request-ID", propagate, excluded,
                new ClientMetrics(new PrometheusRegistry(), new double[]{0.1, 1}, 100));
    }

    @Test
    void outsideARequestACallGetsNothing() {
        assertThat(calls(true, null).headers("billing")).isNull();
    }

    @Test
    void inARequestACallGetsItsIdAndTheIncomingTraceContextUnlessTheHostIsExcludedOrPropagationIsOff() {
        tracker.start("GET", "/orders", "checkout-42", TRACEPARENT).incomingTraceState("vendor=1");

        assertThat(calls(true, " *.Partner.example , 10.0.*").headers("billing"))
                .containsExactly("X-Request-ID", "checkout-42", "traceparent", TRACEPARENT, "tracestate", "vendor=1");
        assertThat(calls(true, " *.Partner.example , 10.0.*").headers("api.partner.EXAMPLE")).isNull();
        assertThat(calls(true, "*.partner.example,10.0.*").headers("10.0.3.4")).isNull();
        assertThat(calls(false, null).headers("billing")).isNull();
    }

    @Test
    void withoutAValidTraceparentOnlyTheIdGoesOut() {
        tracker.start("GET", "/orders", "checkout-43", "not-a-traceparent");

        assertThat(calls(true, null).headers("billing")).containsExactly("X-Request-ID", "checkout-43");
    }

    @Test
    void eachCallIsCountedByMethodHostAndStatusWithHostsCappedAndNoResponseAsError() {
        OutgoingCalls calls = new OutgoingCalls(current, "X-Request-ID", true, null,
                new ClientMetrics(registry, new double[]{0.1, 1}, 2));
        long start = System.nanoTime();
        calls.finished("GET", "http", "billing", 8080, 200, start);
        calls.finished("POST", "https", "pay", -1, 201, start);
        calls.finished("GET", "http", "third", 80, 200, start);
        calls.finished("GET", "http", "billing", 8080, Outgoing.NO_RESPONSE, start);

        assertThat(count("GET", "billing:8080", "200")).isEqualTo(1);
        assertThat(count("POST", "pay:443", "201")).isEqualTo(1);
        assertThat(count("GET", "OTHER", "200")).isEqualTo(1);
        assertThat(count("GET", "billing:8080", "error")).isEqualTo(1);
    }

    private double count(String method, String host, String status) {
        Labels labels = Labels.of("host", host, "method", method, "status", status);
        return registry.scrape().stream().filter(s -> s.getMetadata().getName().equals("http_client_requests"))
                .flatMap(s -> ((CounterSnapshot) s).getDataPoints().stream())
                .filter(p -> p.getLabels().equals(labels)).mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue)
                .sum();
    }
}
