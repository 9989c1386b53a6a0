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

import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Properties;

/**
 * The agent's core wired as in production, its events written to a real file through a stream set up as the JDK
 * sets up {@code System.out} (a {@code PrintStream} over a 128-byte {@code BufferedOutputStream}, flushing on
 * every write), so the writer thread pays for its syscalls as it does in a service.
 */
final class HotPathState {

    private static final PrintStream SINK = fileSink();

    final AgentConfig config = ConfigLoader.load("", new Properties(), Collections.emptyMap());
    final PrometheusRegistry registry = new PrometheusRegistry();
    final HttpMetrics metrics = new HttpMetrics(registry, config.get(Settings.BUCKETS));
    final EventWriter events = EventWriter.start("bench", Level.INFO, config.get(Settings.LOG_TARGET),
            SINK, SINK);
    final MdcBinding mdc = new MdcBinding();
    final Routes routes = new Routes(new LabelLimit(config.get(Settings.ENDPOINT_LIMIT)));
    final RequestTracker tracker = new RequestTracker(new RequestIds(128), new CurrentRequest(mdc),
            new RequestRecorder(routes, metrics, events, true), (request, asyncContext, listenerType) -> false, null);

    private static PrintStream fileSink() {
        try {
            File file = File.createTempFile("obs-agent-bench", ".log");
            file.deleteOnExit();
            return new PrintStream(new BufferedOutputStream(new FileOutputStream(file), 128), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
