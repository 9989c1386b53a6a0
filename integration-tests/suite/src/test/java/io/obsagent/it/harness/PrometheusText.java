package io.obsagent.it.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed Prometheus text exposition (format 0.0.4; OpenMetrics text parses the same way). */
public final class PrometheusText {

    /** One sample line: metric name (with any _total/_bucket/... suffix), labels and value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;
    private final Map<String, String> types;

    private PrometheusText(List<Sample> samples, Map<String, String> types) {
        this.samples = samples;
        this.types = types;
    }

    public static PrometheusText parse(String exposition) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                samples.add(SampleLine.parse(line));
            }
        }
        return new PrometheusText(List.copyOf(samples), Map.copyOf(types));
    }

    /** Alternating label names and values, e.g. {@code labels("method", "GET", "status", "200")}. */
    public static Map<String, String> labels(String... namesAndValues) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            labels.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return labels;
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Samples with this name whose labels include all of {@code labels} (other labels may differ). */
    public List<Sample> samples(String name, Map<String, String> labels) {
        return samples.stream()
                .filter(sample -> sample.name().equals(name))
                .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
    }

    /** The one sample with this name whose labels include {@code labels}; fails if several match. */
    public Optional<Sample> find(String name, Map<String, String> labels) {
        List<Sample> matching = samples(name, labels);
        if (matching.size() > 1) {
            throw new AssertionError(matching.size() + " samples match " + name + labels + ": " + matching);
        }
        return matching.stream().findFirst();
    }

    /** The value of the one matching sample; fails if none or several match. */
    public double value(String name, Map<String, String> labels) {
        return find(name, labels).orElseThrow(() -> new AssertionError("No sample " + name + labels)).value();
    }

    /** The sum over all matching samples, 0 if none. */
    public double sum(String name, Map<String, String> labels) {
        return samples(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** The declared type of a metric family (counter, gauge, histogram, ...). */
    public Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }
}
