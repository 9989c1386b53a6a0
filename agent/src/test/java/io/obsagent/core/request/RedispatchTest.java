package io.obsagent.core.request;

import io.obsagent.core.config.ConfigLoader;
import io.obsagent.core.config.Settings;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.events.Level;
import io.obsagent.core.metrics.HttpMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The ERROR and ASYNC dispatches that a container makes after (or beside) a request's outermost dispatch. */
class RedispatchTest {

    /** Records what the logging context is asked to do, as "enter id" and "exit id". */
    private final List<String> calls = new ArrayList<>();
    private final LoggingContext recording = new LoggingContext() {
        @Override
        public Object enter(String requestId, String method, String path) {
            calls.add("enter " + requestId);
            return requestId;
        }

        @Override
        public void exit(Object scope) {
            calls.add("exit " + scope);
        }
    };
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final EventWriter events = EventWriter.start("svc", Level.INFO,
            ConfigLoader.load(null, new Properties(), Collections.emptyMap()).get(Settings.LOG_TARGET),
            new PrintStream(out, true), new PrintStream(out, true));
    private final RequestTracker tracker = new RequestTracker(new RequestIds(128), new Routes(new RouteLimiter(500)),
            new HttpMetrics(new PrometheusRegistry(), new double[]{1}), events, true, recording);

    @Test
    void anErrorDispatchAfterTheOutermostReturnedCarriesTheRequestsLoggingContextAgain() {
        RequestContext request = tracker.start("GET", "/fail", "req-1");
        tracker.leaveThread(request);
        tracker.end(request, 500, null, new IllegalStateException("boom"), null);

        Redispatch error = tracker.redispatchStarted(request);
        assertThat(error).isNotNull();
        tracker.redispatchExited(error, null);

        assertThat(calls).containsExactly("enter req-1", "exit req-1", "enter req-1", "exit req-1");
    }

    @Test
    void aRedispatchInsideTheRequestOnTheSameThreadLeavesTheOpenContextAlone() {
        RequestContext request = tracker.start("GET", "/send-error", "req-2");

        assertThat(tracker.redispatchStarted(request)).isNull();
        tracker.leaveThread(request);

        assertThat(calls).containsExactly("enter req-2", "exit req-2");
    }

    @Test
    void whatAnAsyncDispatchThrowsCountsWhenTheAsyncRequestEnds() throws Exception {
        RequestContext request = tracker.start("GET", "/async", "req-3");
        tracker.leaveThread(request);
        Redispatch async = tracker.redispatchStarted(request);
        tracker.redispatchExited(async, new IllegalArgumentException("late"));
        tracker.end(request, 200, null, null, null);
        events.flush(2000, 2000);

        assertThat(out.toString()).contains("\"event\":\"unhandled_exception\"").contains("\"exception_message\":\"late\"");
    }
}
