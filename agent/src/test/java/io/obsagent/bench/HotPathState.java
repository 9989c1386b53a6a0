package io.obsagent.bench;

import io.obsagent.core.config.AgentConfig;
import io.obsagent.core.config.ConfigLoader;
import io.obsagent.core.config.Settings;
import io.obsagent.core.events.EventWriter;
import io.obsagent.core.events.Level;
import io.obsagent.core.metrics.HttpMetrics;
import io.obsagent.core.metrics.LabelLimit;
import io.obsagent.core.request.CurrentRequest;
import io.obsagent.core.request.RequestIds;
import io.obsagent.core.request.RequestRecorder;
import io.obsagent.core.request.RequestTracker;
import io.obsagent.core.request.Routes;
import io.obsagent.instrumentation.logging.MdcBinding;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Collections;
import java.util.Properties;

/** The agent's core wired as in production, writing its events to nowhere. */
final class HotPathState {

    final AgentConfig config = ConfigLoader.load("", new Properties(), Collections.emptyMap());
    final PrometheusRegistry registry = new PrometheusRegistry();
    final HttpMetrics metrics = new HttpMetrics(registry, config.get(Settings.BUCKETS));
    final EventWriter events = EventWriter.start("bench", Level.INFO, config.get(Settings.LOG_TARGET),
            new PrintStream(OutputStream.nullOutputStream()), new PrintStream(OutputStream.nullOutputStream()));
    final MdcBinding mdc = new MdcBinding();
    final Routes routes = new Routes(new LabelLimit(config.get(Settings.ENDPOINT_LIMIT)));
    final RequestTracker tracker = new RequestTracker(new RequestIds(128), new CurrentRequest(mdc),
            new RequestRecorder(routes, metrics, events, true), (request, asyncContext, listenerType) -> false, null);
}
