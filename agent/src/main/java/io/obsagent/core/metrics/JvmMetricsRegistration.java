package io.obsagent.core.metrics;

import io.obsagent.core.readiness.AppState;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryPoolAllocationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmNativeMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Adds client_java's JVM and process metrics to the agent's registry, late, lazily and carefully.
 *
 * <p>Late: registering them touches the platform MXBeans, which an application server may want to set up
 * itself first (its MBeanServer builder, its LogManager). So they register once the servlet container has
 * started, or after {@link #MAX_WAIT_MILLIS} for an application without one. Until then a scrape has no
 * {@code jvm_*} / {@code process_*} series.
 *
 * <p>Lazily: on the first scrape after that, not when the container starts. Registering loads a few hundred
 * classes and reads every MXBean; at the container's start that work competed with the application's first
 * requests, and a service nobody scrapes never pays it.
 *
 * <p>Carefully: the families of {@code JvmMetrics} are registered one by one so that the native-memory
 * family can be left out unless Native Memory Tracking is on. That family alone creates the platform
 * MBeanServer, which initialises {@code java.util.logging}'s LogManager (WildFly fails to start when that
 * happened before it installed its own), and it reports nothing without tracking anyway.
 */
public final class JvmMetricsRegistration implements MultiCollector {

    public static final long MAX_WAIT_MILLIS = 60_000;

    private final AppState appState;
    private final AgentFaults faults;
    private final long dueNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
    /** Holds the JVM families once registered; the agent's registry scrapes it through this collector. */
    private final PrometheusRegistry jvm = new PrometheusRegistry();
    private volatile boolean registered;

    private JvmMetricsRegistration(AppState appState, AgentFaults faults) {
        this.appState = appState;
        this.faults = faults;
    }

    /** Adds the families to {@code registry}, to be registered on the first scrape once it is time. */
    public static void registerOnFirstScrape(PrometheusRegistry registry, AppState appState, AgentFaults faults) {
        registry.register(new JvmMetricsRegistration(appState, faults));
    }

    @Override
    public MetricSnapshots collect() {
        if (!registered && (appState.hasContainerStarted() || System.nanoTime() - dueNanos >= 0)) {
            registerOnce();
        }
        return registered ? jvm.scrape() : new MetricSnapshots();
    }

    /** Concurrent first scrapes wait for one registration; a failure is reported once and not retried. */
    private synchronized void registerOnce() {
        if (registered) {
            return;
        }
        try {
            register(jvm, nativeMemoryTracking(ManagementFactory.getRuntimeMXBean().getInputArguments()));
        } catch (Throwable t) {
            faults.report("jvm_metrics", t);
        }
        registered = true;
    }

    /** What {@code JvmMetrics.builder().register(registry)} registers, native memory only when asked. */
    static void register(PrometheusRegistry registry, boolean nativeMemory) {
        PrometheusProperties config = PrometheusProperties.get();
        JvmThreadsMetrics.builder(config).register(registry);
        JvmBufferPoolMetrics.builder(config).register(registry);
        JvmClassLoadingMetrics.builder(config).register(registry);
        JvmCompilationMetrics.builder(config).register(registry);
        JvmGarbageCollectorMetrics.builder(config).register(registry);
        JvmMemoryPoolAllocationMetrics.builder(config).register(registry);
        JvmMemoryMetrics.builder(config).register(registry);
        JvmRuntimeInfoMetric.builder(config).register(registry);
        ProcessMetrics.builder(config).register(registry);
        if (nativeMemory) {
            JvmNativeMemoryMetrics.builder(config).register(registry);
        }
    }

    /** True when the JVM was started with {@code -XX:NativeMemoryTracking=summary} or {@code =detail}. */
    static boolean nativeMemoryTracking(List<String> jvmArguments) {
        boolean on = false;
        for (String argument : jvmArguments) {
            if (argument.startsWith("-XX:NativeMemoryTracking=")) {
                on = !argument.endsWith("=off"); // the last one given wins
            }
        }
        return on;
    }
}
