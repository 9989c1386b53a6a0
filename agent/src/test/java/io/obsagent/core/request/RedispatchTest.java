package io.obsagent.core.request;

import org.junit.jupiter.api.Test;

import static io.obsagent.core.request.TrackerFixture.exit;
import static org.assertj.core.api.Assertions.assertThat;

/** The ERROR and ASYNC dispatches that a container makes after (or beside) a request's outermost dispatch. */
class RedispatchTest {

    private final TrackerFixture fixture = new TrackerFixture();
    private final RequestTracker tracker = fixture.tracker();

    @Test
    void anErrorDispatchAfterTheOutermostReturnedCarriesTheRequestsLoggingContextAgain() {
        RequestContext request = tracker.start("GET", "/fail", "req-1", null);
        exit(request, null, 500, new IllegalStateException("boom"));

        assertThat(request.redispatchEntered()).isTrue();
        request.dispatchExited(500, null, null, null);

        assertThat(fixture.logging).containsExactly("enter req-1", "exit req-1", "enter req-1", "exit req-1");
    }

    @Test
    void aRedispatchInsideTheRequestOnTheSameThreadLeavesTheOpenContextAlone() {
        RequestContext request = tracker.start("GET", "/send-error", "req-2", null);

        assertThat(request.redispatchEntered()).isFalse();
        exit(request, null, 404, null);

        assertThat(fixture.logging).containsExactly("enter req-2", "exit req-2");
    }

    @Test
    void whatAnAsyncDispatchThrowsCountsWhenTheAsyncRequestEnds() throws Exception {
        RequestContext request = tracker.start("GET", "/async", "req-3", null);
        request.servletRoute("", null, null, null);
        request.dispatchExited(200, null, new Object(), Object.class);
        assertThat(request.redispatchEntered()).isTrue();
        request.dispatchExited(200, new IllegalArgumentException("late"), null, null);
        request.asyncCompleted(200);

        assertThat(fixture.events("unhandled_exception")).singleElement()
                .satisfies(event -> assertThat(event.get("exception_message").asText()).isEqualTo("late"));
    }
}
