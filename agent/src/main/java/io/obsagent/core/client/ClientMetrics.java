package io.obsagent.core.client;

import io.obsagent.core.metrics.HttpMethods;
import io.obsagent.core.metrics.LabelLimit;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * The client metrics of agent/SPEC.md §8: one count and one observation per call the application made, labelled
 * by method, target {@code host:port} (capped by {@code metrics.client_host_limit}) and status ({@code error} when
 * no response came).
 */
public final class ClientMetrics {

    static final String NO_RESPONSE = "error";

    private final Counter requests;
    private final Histogram duration;
    private final LabelLimit hosts;

    public ClientMetrics(PrometheusRegistry registry, double[] buckets, int hostLimit) {
        requests = Counter.builder().name("http_client_requests_total")
                .help("Outgoing HTTP calls, by method, target host:port and status (error: no response)")
                .labelNames("method", "host", "status").withoutExemplars().register(registry);
        duration = Histogram.builder().name("http_client_request_duration_seconds")
                .help("Time from sending an outgoing HTTP call to its response (or failure)")
                .unit(Unit.SECONDS)
                .labelNames("method", "host", "status").classicOnly().classicUpperBounds(buckets)
                .withoutExemplars().register(registry);
        hosts = new LabelLimit(hostLimit);
    }

    /** @param status the response's status, or a negative number when none came */
    public void record(String method, String hostAndPort, int status, long durationNanos) {
        String methodLabel = HttpMethods.label(HttpMethods.index(method));
        String host = hosts.admit(hostAndPort);
        String statusLabel = status > 0 ? Integer.toString(status) : NO_RESPONSE;
        requests.labelValues(methodLabel, host, statusLabel).inc();
        duration.labelValues(methodLabel, host, statusLabel).observe(durationNanos / 1e9);
    }
}
