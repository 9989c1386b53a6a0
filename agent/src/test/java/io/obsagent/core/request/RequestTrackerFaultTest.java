package io.obsagent.core.request;

import io.obsagent.core.config.FaultPoint;
import org.junit.jupiter.api.Test;

import static io.obsagent.core.request.TrackerFixture.exit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A fault inside the tracker (injected with {@code debug.inject_fault}) leaves no trace of the request behind. */
class RequestTrackerFaultTest {

    private final TrackerFixture fixture = new TrackerFixture();

    @Test
    void withoutAnInjectedFaultNothingIsThrown() {
        RequestTracker tracker = fixture.tracker(true, null);
        exit(tracker.start("GET", "/a", "id-1", null), null, 200, null);
        assertThat(fixture.total("http_requests")).isEqualTo(1);
        assertThat(fixture.inFlight()).isZero();
    }

    @Test
    void aFaultWhileStartingLeavesNothingInFlightOnTheThreadOrInTheLoggingContext() {
        RequestTracker tracker = fixture.tracker(true, FaultPoint.REQUEST_START);

        assertThatThrownBy(() -> tracker.start("GET", "/a", "id-1", null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("request.start");

        assertThat(fixture.inFlight()).isZero();
        assertThat(fixture.logging).containsExactly("enter id-1", "exit id-1");
        assertThat(tracker.current().get()).as("no request is left on this thread").isNull();
    }

    @Test
    void aFaultWhileEndingStillTakesTheRequestOutOfFlightOnce() {
        RequestTracker tracker = fixture.tracker(true, FaultPoint.REQUEST_END);
        RequestContext request = tracker.start("GET", "/a", "id-1", null);
        assertThat(fixture.inFlight()).isEqualTo(1);

        assertThatThrownBy(() -> exit(request, null, 200, null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("request.end");
        tracker.end(request, 200, null);

        assertThat(fixture.inFlight()).isZero();
        assertThat(fixture.total("http_requests")).isZero();
        assertThat(tracker.current().get()).as("the thread was restored before the fault").isNull();
    }
}
