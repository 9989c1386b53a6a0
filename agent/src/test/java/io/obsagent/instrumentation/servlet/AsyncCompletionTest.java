package io.obsagent.instrumentation.servlet;

import io.obsagent.core.config.ConfigLoader;
import io.obsagent.core.config.FaultPoint;
import io.obsagent.core.config.Settings;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.events.Level;
import io.obsagent.core.metrics.HttpMetrics;
import io.obsagent.core.metrics.LabelLimit;
import io.obsagent.core.request.CurrentRequest;
import io.obsagent.core.request.NoLoggingContext;
import io.obsagent.core.request.RequestContext;
import io.obsagent.core.request.RequestIds;
import io.obsagent.core.request.RequestRecorder;
import io.obsagent.core.request.RequestTracker;
import io.obsagent.core.request.Routes;
import io.obsagent.server.RecordedFaults;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The async listener is called by the container, not through the bridge: its own faults must stop there. */
class AsyncCompletionTest {

    private final RecordedFaults faults = new RecordedFaults();

    @Test
    void aFaultWhileEndingAnAsyncRequestIsCountedAndNeverReachesTheContainer() throws Exception {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true);
        EventWriter events = EventWriter.start("svc", Level.INFO,
                ConfigLoader.load("", new Properties(), Collections.emptyMap()).get(Settings.LOG_TARGET), out, out);
        RequestRecorder recorder = new RequestRecorder(new Routes(new LabelLimit(500)),
                new HttpMetrics(new PrometheusRegistry(), new double[]{1}), events, true);
        RequestTracker tracker = new RequestTracker(new RequestIds(128), new CurrentRequest(NoLoggingContext.INSTANCE),
                recorder, new AsyncCompletion(faults.faults, new String[0]), FaultPoint.REQUEST_END);
        AtomicReference<AsyncListener> listener = new AtomicReference<>();
        AsyncContext asyncContext = fake(AsyncContext.class, (proxy, method, args) -> {
            if (method.getName().equals("addListener")) {
                listener.set((AsyncListener) args[0]);
            }
            return null;
        });
        RequestContext request = tracker.start("GET", "/async", null, null);
        request.dispatchExited(200, null, asyncContext, AsyncListener.class);

        assertThat(listener.get()).as("the listener is registered").isNotNull();
        HttpServletResponse response = fake(HttpServletResponse.class,
                (proxy, method, args) -> method.getName().equals("getStatus") ? 200 : null);
        listener.get().onComplete(new AsyncEvent(asyncContext, fake(HttpServletRequest.class, (p, m, a) -> null), response));

        assertThat(faults.count("request.end")).isEqualTo(1);
        assertThat(faults.events()).contains("\"where\":\"request.end\"");
    }

    private static <T> T fake(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, handler));
    }
}
