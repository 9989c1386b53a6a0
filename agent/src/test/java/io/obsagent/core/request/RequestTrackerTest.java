package io.obsagent.core.request;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.model.snapshots.Labels;
import org.junit.jupiter.api.Test;

import static io.obsagent.core.request.TrackerFixture.exit;
import static org.assertj.core.api.Assertions.assertThat;

class RequestTrackerTest {

    private final TrackerFixture fixture = new TrackerFixture();
    private final RequestTracker tracker = fixture.tracker();

    @Test
    void aRequestIsCountedTimedAndLogged() throws Exception {
        RequestContext request = tracker.start("GET", "/api/v1/tasks/7", "incoming-1", null);
        assertThat(request.requestId()).isEqualTo("incoming-1");
        assertThat(fixture.inFlight()).isEqualTo(1);
        exit(request, "/api/v1/tasks/{id}", 200, null);

        assertThat(fixture.inFlight()).isZero();
        Labels labels = Labels.of("endpoint", "/api/v1/tasks/{id}", "method", "GET", "status", "200");
        assertThat(fixture.counter("http_requests", labels)).isEqualTo(1);
        assertThat(fixture.histogramCount(labels)).isEqualTo(1);
        JsonNode access = fixture.events("request_processed").get(0);
        assertThat(access.get("request_id").asText()).isEqualTo("incoming-1");
        assertThat(access.get("path").asText()).isEqualTo("/api/v1/tasks/7");
        assertThat(access.get("endpoint").asText()).isEqualTo("/api/v1/tasks/{id}");
        assertThat(access.get("status").isInt()).isTrue();
        assertThat(access.get("duration_ms").isNumber()).isTrue();
        assertThat(access.size()).isEqualTo(11);
    }

    @Test
    void aValidTraceparentGivesTheTraceIdToBothEventsAndAnInvalidOneNothing() throws Exception {
        String parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        RequestContext traced = tracker.start("POST", "/t", null, parent);
        assertThat(traced.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        exit(traced, null, 200, new IllegalStateException("boom"));
        assertThat(fixture.events("request_processed").get(0).get("trace_id").asText())
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(fixture.events("unhandled_exception").get(0).get("trace_id").asText())
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");

        RequestContext forged = tracker.start("GET", "/f", null, "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01\r\nX: y");
        assertThat(forged.traceId()).isNull();
        exit(forged, null, 200, null);
        assertThat(fixture.events("request_processed").get(1).has("trace_id")).isFalse();
    }

    @Test
    void endingTwiceRecordsOnce() throws Exception {
        RequestContext request = tracker.start("GET", "/a", null, null);
        exit(request, null, 200, null);
        tracker.end(request, 500, new IllegalStateException());
        assertThat(fixture.counter("http_requests", Labels.of("endpoint", "/a", "method", "GET", "status", "200"))).isEqualTo(1);
        assertThat(fixture.total("http_requests")).isEqualTo(1);
        assertThat(fixture.total("http_exceptions")).isZero();
        assertThat(fixture.events("request_processed")).hasSize(1);
    }

    @Test
    void escapingExceptionIsUnwrappedCountedOnceAndMakesTheStatus500() throws Exception {
        RequestContext request = tracker.start("POST", "/api/v1/tasks", null, null);
        Exception wrapped = new javax.servlet.ServletException("Request processing failed", new IllegalStateException("boom"));
        exit(request, "/api/v1/tasks", 200, wrapped);

        assertThat(fixture.counter("http_requests", Labels.of("endpoint", "/api/v1/tasks", "method", "POST", "status", "500"))).isEqualTo(1);
        assertThat(fixture.counter("http_exceptions", Labels.of("endpoint", "/api/v1/tasks", "exception", "java.lang.IllegalStateException", "method", "POST"))).isEqualTo(1);
        JsonNode event = fixture.events("unhandled_exception").get(0);
        assertThat(event.get("request_id").asText()).isEqualTo(request.requestId());
        assertThat(event.get("exception_type").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(event.get("exception_message").asText()).isEqualTo("boom");
        assertThat(event.get("stack_trace").asText()).contains("IllegalStateException: boom").contains("\tat ");
        assertThat(event.get("level").asText()).isEqualTo("error");
    }

    @Test
    void anErrorStatusAlreadySetIsKept() throws Exception {
        RequestContext request = tracker.start("GET", "/x", null, null);
        exit(request, null, 503, new IllegalStateException());
        assertThat(fixture.counter("http_requests", Labels.of("endpoint", "/x", "method", "GET", "status", "503"))).isEqualTo(1);
    }

    @Test
    void frameworkRecordedErrorCountsOnlyForServerErrors() throws Exception {
        RequestContext badInput = tracker.start("POST", "/t", null, null);
        badInput.recordedError(new IllegalArgumentException("validation"));
        exit(badInput, null, 400, null);
        RequestContext handled500 = tracker.start("POST", "/t", null, null);
        handled500.recordedError(new IllegalStateException("handled"));
        exit(handled500, null, 500, null);
        assertThat(fixture.total("http_exceptions")).isEqualTo(1);
        assertThat(fixture.events("unhandled_exception")).hasSize(1);
    }

    @Test
    void asyncThrowableRecordedAfterTheDispatchIsCounted() throws Exception {
        RequestContext request = tracker.start("GET", "/async", null, null);
        request.frameworkRoute("/async");
        request.servletRoute("", null, null, null);
        request.dispatchExited(200, null, new Object(), Object.class);
        request.nestedThrew(new IllegalStateException("late"));
        request.asyncCompleted(500);
        assertThat(fixture.counter("http_exceptions", Labels.of("endpoint", "/async", "exception", "java.lang.IllegalStateException", "method", "GET"))).isEqualTo(1);
    }

    @Test
    void jaxRsTemplateNamedOnTheRequestThreadIsUsed() throws Exception {
        RequestContext request = tracker.start("GET", "/api/users/5", null, null);
        tracker.routeTemplate("/users/{id}");
        tracker.routeTemplate("/inner/{x}");
        request.servletRoute("", "/api", "/users/5", "/api/*");
        request.dispatchExited(200, null, null, null);
        tracker.routeTemplate("/after/leaving");
        assertThat(fixture.events("request_processed").get(0).get("endpoint").asText()).isEqualTo("/api/users/{id}");
    }

    @Test
    void accessLogCanBeTurnedOff() throws Exception {
        TrackerFixture quiet = new TrackerFixture();
        exit(quiet.tracker(false, null).start("GET", "/", null, null), null, 200, null);
        assertThat(quiet.events("request_processed")).isEmpty();
        assertThat(quiet.total("http_requests")).as("still counted").isEqualTo(1);
    }
}
