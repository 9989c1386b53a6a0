package io.obsagent.core.metrics;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A classic histogram exposed with exemplars kept outside it: each scrape's snapshot of the histogram, with every
 * data point given the exemplars of its series. Only OpenMetrics exposition shows them; text 0.0.4 is unchanged.
 */
final class WithExemplars implements Collector {

    private final Histogram histogram;
    private final Supplier<Map<Labels, Exemplars>> exemplars;

    WithExemplars(Histogram histogram, Supplier<Map<Labels, Exemplars>> exemplars) {
        this.histogram = histogram;
        this.exemplars = exemplars;
    }

    @Override
    public HistogramSnapshot collect() {
        HistogramSnapshot plain = histogram.collect();
        Map<Labels, Exemplars> byLabels = exemplars.get();
        List<HistogramDataPointSnapshot> points = new ArrayList<HistogramDataPointSnapshot>(plain.getDataPoints().size());
        for (HistogramDataPointSnapshot p : plain.getDataPoints()) {
            Exemplars found = byLabels.get(p.getLabels());
            points.add(found == null ? p : new HistogramDataPointSnapshot(p.getClassicBuckets(), p.getSum(),
                    p.getLabels(), found, p.hasCreatedTimestamp() ? p.getCreatedTimestampMillis() : 0L));
        }
        return new HistogramSnapshot(plain.isGaugeHistogram(), plain.getMetadata(), points);
    }

    @Override
    public String getPrometheusName() {
        return histogram.getPrometheusName();
    }

    @Override
    public MetricType getMetricType() {
        return histogram.getMetricType();
    }

    @Override
    public Set<String> getLabelNames() {
        return histogram.getLabelNames();
    }

    @Override
    public MetricMetadata getMetadata() {
        return histogram.getMetadata();
    }
}
