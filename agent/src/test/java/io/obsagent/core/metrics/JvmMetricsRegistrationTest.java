package io.obsagent.core.metrics;

import io.obsagent.core.readiness.AppState;
import io.obsagent.server.RecordedFaults;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class JvmMetricsRegistrationTest {

    @Test
    void theSameFamiliesAsJvmMetricsWhenNativeMemoryTrackingIsOff() {
        PrometheusRegistry ours = new PrometheusRegistry();
        JvmMetricsRegistration.register(ours, false);
        PrometheusRegistry library = new PrometheusRegistry();
        JvmMetrics.builder().register(library);
        // Without tracking the library's native-memory family registers nothing, so the sets must be equal;
        // a family a newer client_java adds to JvmMetrics shows up here.
        assertThat(names(ours)).isEqualTo(names(library))
                .contains("jvm_memory_used_bytes", "jvm_threads_current", "process_cpu_seconds", "jvm_runtime");
    }

    @Test
    void theFamiliesRegisterOnTheFirstScrapeAfterTheContainerStarted() {
        RecordedFaults recorded = new RecordedFaults();
        AppState appState = new AppState();
        PrometheusRegistry registry = new PrometheusRegistry();
        JvmMetricsRegistration.registerOnFirstScrape(registry, appState, recorded.faults);
        assertThat(names(registry)).noneMatch(name -> name.startsWith("jvm_") || name.startsWith("process_"));

        appState.containerStarted();
        assertThat(names(registry)).contains("jvm_memory_used_bytes", "process_cpu_seconds");
        assertThat(names(registry)).contains("jvm_memory_used_bytes");
        assertThat(recorded.count("jvm_metrics")).isZero();
    }

    @Test
    void nativeMemoryTrackingIsOnlyOnWhenTheLastFlagSaysSo() {
        assertThat(JvmMetricsRegistration.nativeMemoryTracking(Collections.emptyList())).isFalse();
        assertThat(JvmMetricsRegistration.nativeMemoryTracking(Arrays.asList("-Xmx1g", "-XX:NativeMemoryTracking=summary"))).isTrue();
        assertThat(JvmMetricsRegistration.nativeMemoryTracking(Arrays.asList("-XX:NativeMemoryTracking=detail"))).isTrue();
        assertThat(JvmMetricsRegistration.nativeMemoryTracking(Arrays.asList("-XX:NativeMemoryTracking=summary",
                "-XX:NativeMemoryTracking=off"))).isFalse();
    }

    private static Set<String> names(PrometheusRegistry registry) {
        Set<String> names = new TreeSet<>();
        for (MetricSnapshot snapshot : registry.scrape()) {
            names.add(snapshot.getMetadata().getPrometheusName());
        }
        return names;
    }
}
