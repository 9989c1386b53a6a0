package io.obsagent.core.metrics;

import io.obsagent.core.events.RequestIdentity;
import io.prometheus.metrics.model.snapshots.Exemplar;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.Labels;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The latest request of each bucket of one histogram series, as an OpenMetrics exemplar (agent/SPEC.md §8): its
 * {@code request_id}, its {@code trace_id} when it came with one, its duration and when it ended. A bucket's
 * exemplar is replaced at most every {@link #KEEP_MILLIS}, so a request pays a clock read and a comparison,
 * and allocates only when it becomes the exemplar. Kept here rather than in client_java's exemplar sampler,
 * whose rate limiter schedules a task on a timer thread after each sample: a wake-up every 90 ms per series.
 */
final class BucketExemplars {

    /** How long an exemplar stands before a later request of its bucket replaces it. */
    static final long KEEP_MILLIS = 2000;
    /** OpenMetrics: label names and values of one exemplar, together, at most 128 characters. */
    static final int MAX_LABEL_CHARS = 128;

    private final double[] upperBounds;
    private final AtomicReferenceArray<Exemplar> latest;

    BucketExemplars(double[] upperBounds) {
        this.upperBounds = upperBounds;
        this.latest = new AtomicReferenceArray<Exemplar>(upperBounds.length + 1);
    }

    void offer(double seconds, RequestIdentity request) {
        int bucket = bucket(seconds);
        Exemplar standing = latest.get(bucket);
        long now = System.currentTimeMillis();
        if (standing == null || now - standing.getTimestampMillis() >= KEEP_MILLIS) {
            Labels labels = labels(request.requestId(), request.traceId());
            if (!labels.isEmpty()) {
                latest.set(bucket, new Exemplar(seconds, labels, now));
            }
        }
    }

    Exemplars collect() {
        List<Exemplar> all = new ArrayList<Exemplar>(latest.length());
        for (int i = 0; i < latest.length(); i++) {
            Exemplar e = latest.get(i);
            if (e != null) {
                all.add(e);
            }
        }
        return all.isEmpty() ? Exemplars.EMPTY : Exemplars.of(all);
    }

    private int bucket(double seconds) {
        int i = 0;
        while (i < upperBounds.length && seconds > upperBounds[i]) {
            i++;
        }
        return i;
    }

    /** {@code request_id} first (it links to the logs), then {@code trace_id}, each only if it still fits. */
    static Labels labels(String requestId, String traceId) {
        int used = 0;
        List<String> namesAndValues = new ArrayList<String>(4);
        for (String[] label : new String[][]{{"request_id", requestId}, {"trace_id", traceId}}) {
            if (label[1] != null && used + label[0].length() + label[1].length() <= MAX_LABEL_CHARS) {
                used += label[0].length() + label[1].length();
                namesAndValues.add(label[0]);
                namesAndValues.add(label[1]);
            }
        }
        return Labels.of(namesAndValues.toArray(new String[0]));
    }
}
