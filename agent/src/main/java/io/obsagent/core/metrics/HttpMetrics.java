package io.obsagent.core.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.obsagent.core.events.RequestIdentity;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The HTTP metrics of agent/SPEC.md §5. Recording a request finds its series in a cache keyed by endpoint, method
 * index and status, so the per-request path allocates nothing once a series exists. The duration histogram's
 * buckets carry exemplars of recent requests in OpenMetrics exposition ({@link BucketExemplars}).
 */
public final class HttpMetrics {

    private final Counter requests;
    private final Histogram duration;
    private final double[] buckets;
    private final Counter exceptions;
    private final LongAdder inFlight = new LongAdder();
    private final ConcurrentHashMap<String, EndpointSeries> series = new ConcurrentHashMap<String, EndpointSeries>();

    public HttpMetrics(PrometheusRegistry registry, double[] buckets) {
        requests = Counter.builder().name("http_requests_total")
                .help("HTTP requests served, by method, route template and status")
                .labelNames("method", "endpoint", "status").withoutExemplars().register(registry);
        this.buckets = buckets.clone();
        duration = Histogram.builder().name("http_request_duration_seconds")
                .help("Time from the start of the outermost dispatch to the final status")
                .unit(Unit.SECONDS)
                .labelNames("method", "endpoint", "status").classicOnly().classicUpperBounds(buckets)
                .withoutExemplars().build();
        registry.register(new WithExemplars(duration, this::exemplars));
        exceptions = Counter.builder().name("http_exceptions_total")
                .help("Unhandled exceptions, by method, route template and exception class")
                .labelNames("method", "endpoint", "exception").withoutExemplars().register(registry);
        GaugeWithCallback.builder().name("http_requests_in_flight")
                .help("Requests being served now")
                .callback(callback -> callback.call(inFlight.sum())).register(registry);
    }

    /** A request is in flight from here... */
    public void started() {
        inFlight.increment();
    }

    /** ...to here, once, whether or not it is then {@link #recorded}. */
    public void finished() {
        inFlight.decrement();
    }

    /** Counts and times the request; it may become its duration bucket's exemplar. */
    public void recorded(RequestIdentity request, int methodIndex, String endpoint, int status, long durationNanos) {
        RequestSeries s = seriesFor(endpoint).get(methodIndex, status);
        double seconds = durationNanos / 1e9;
        s.count.inc();
        s.duration.observe(seconds);
        s.exemplars.offer(seconds, request);
    }

    public void exception(int methodIndex, String endpoint, String exceptionLabel) {
        exceptions.labelValues(HttpMethods.label(methodIndex), endpoint, exceptionLabel).inc();
    }

    /** Every series' exemplars by its labels, for a scrape. */
    private Map<Labels, Exemplars> exemplars() {
        Map<Labels, Exemplars> all = new HashMap<Labels, Exemplars>();
        for (EndpointSeries endpoint : series.values()) {
            endpoint.exemplarsInto(all);
        }
        return all;
    }

    private EndpointSeries seriesFor(String endpoint) {
        EndpointSeries s = series.get(endpoint);
        if (s == null) {
            s = new EndpointSeries(endpoint);
            EndpointSeries raced = series.putIfAbsent(endpoint, s);
            if (raced != null) {
                s = raced;
            }
        }
        return s;
    }

    /** The data points of one (method, endpoint, status) combination. */
    private static final class RequestSeries {
        final int status;
        final CounterDataPoint count;
        final DistributionDataPoint duration;
        final BucketExemplars exemplars;

        RequestSeries(int status, CounterDataPoint count, DistributionDataPoint duration, BucketExemplars exemplars) {
            this.status = status;
            this.count = count;
            this.duration = duration;
            this.exemplars = exemplars;
        }
    }

    /** All series of one endpoint: per method, a short copy-on-write list of statuses seen. */
    private final class EndpointSeries {
        private final String endpoint;
        private final AtomicReferenceArray<RequestSeries[]> byMethod = new AtomicReferenceArray<RequestSeries[]>(HttpMethods.COUNT);

        EndpointSeries(String endpoint) {
            this.endpoint = endpoint;
        }

        RequestSeries get(int methodIndex, int status) {
            RequestSeries[] known = byMethod.get(methodIndex);
            if (known != null) {
                for (RequestSeries s : known) {
                    if (s.status == status) {
                        return s;
                    }
                }
            }
            return add(methodIndex, status);
        }

        void exemplarsInto(Map<Labels, Exemplars> all) {
            for (int m = 0; m < HttpMethods.COUNT; m++) {
                RequestSeries[] known = byMethod.get(m);
                for (int i = 0; known != null && i < known.length; i++) {
                    Labels labels = Labels.of("method", HttpMethods.label(m), "endpoint", endpoint,
                            "status", Integer.toString(known[i].status));
                    all.put(labels, known[i].exemplars.collect());
                }
            }
        }

        private RequestSeries add(int methodIndex, int status) {
            synchronized (this) {
                RequestSeries[] known = byMethod.get(methodIndex);
                int n = known == null ? 0 : known.length;
                for (int i = 0; i < n; i++) {
                    if (known[i].status == status) {
                        return known[i];
                    }
                }
                String method = HttpMethods.label(methodIndex);
                String code = Integer.toString(status);
                RequestSeries created = new RequestSeries(status, requests.labelValues(method, endpoint, code),
                        duration.labelValues(method, endpoint, code), new BucketExemplars(buckets));
                RequestSeries[] grown = new RequestSeries[n + 1];
                if (n > 0) {
                    System.arraycopy(known, 0, grown, 0, n);
                }
                grown[n] = created;
                byMethod.set(methodIndex, grown);
                return created;
            }
        }
    }
}
