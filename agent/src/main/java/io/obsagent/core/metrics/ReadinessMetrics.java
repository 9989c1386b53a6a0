package io.obsagent.core.metrics;

import io.obsagent.core.readiness.Readiness;
import io.obsagent.core.readiness.ReadinessChecks;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.Map;

/**
 * Readiness as gauges, so dashboards and alerts see what {@code /health/ready} answers: {@code obs_ready} and
 * {@code obs_ready_check{check}}. Each scrape reads {@link ReadinessChecks#current()}, which answers from its cache
 * while that is fresh, so scrapes and probes together still ask a dependency at most once per cache period.
 */
public final class ReadinessMetrics {

    private ReadinessMetrics() {
    }

    public static void register(PrometheusRegistry registry, ReadinessChecks readiness) {
        GaugeWithCallback.builder().name("obs_ready")
                .help("1 when the latest readiness evaluation was ready (what /health/ready answers with 200), else 0")
                .callback(callback -> callback.call(readiness.current().isReady() ? 1 : 0)).register(registry);
        GaugeWithCallback.builder().name("obs_ready_check")
                .help("1 when the readiness check was ok in the latest evaluation, 0 when it was starting or failed")
                .labelNames("check")
                .callback(callback -> {
                    Readiness latest = readiness.current();
                    for (Map.Entry<String, String> check : latest.checks().entrySet()) {
                        callback.call("ok".equals(check.getValue()) ? 1 : 0, check.getKey());
                    }
                }).register(registry);
    }
}
