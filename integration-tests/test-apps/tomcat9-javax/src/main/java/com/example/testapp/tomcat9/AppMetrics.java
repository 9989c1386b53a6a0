package com.example.testapp.tomcat9;

import java.io.IOException;
import java.io.Writer;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.exporter.common.TextFormat;

/** The application's own metrics, in its own registry, with its own (old) Prometheus client. */
final class AppMetrics {

    private final CollectorRegistry registry = new CollectorRegistry();
    private final Counter requests = Counter.build("tomcat9_app_requests", "Requests counted by the application itself.")
            .register(registry);

    void countRequest() {
        requests.inc();
    }

    void writeTextFormat(Writer writer) throws IOException {
        TextFormat.write004(writer, registry.metricFamilySamples());
    }
}
