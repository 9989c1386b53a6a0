package io.obsagent.core.metrics;

import io.obsagent.core.readiness.AppState;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Adds client_java's JVM and process metrics to the agent's registry, late on purpose. Registering them
 * touches the platform MXBeans, and one of them ({@code JvmNativeMemoryMetrics}) creates the platform
 * MBeanServer, which initialises {@code java.util.logging}'s LogManager. An application server that installs
 * its own LogManager or MBeanServer builder (JBoss/WildFly) fails to start when that happened first. So the
 * metrics register once the servlet container has started (by then the application has set up both), or
 * after {@link #MAX_WAIT_MILLIS} for an application without a container. Until then a scrape simply has no
 * {@code jvm_*} / {@code process_*} series.
 */
public final class JvmMetricsRegistration {

    public static final long MAX_WAIT_MILLIS = 60_000;

    private JvmMetricsRegistration() {
    }

    /** Blocks the calling (agent background) thread until it is time, then registers. */
    public static void registerOnceAppStarted(PrometheusRegistry registry, AppState appState, AgentFaults faults) {
        try {
            appState.awaitContainerStart(MAX_WAIT_MILLIS);
            JvmMetrics.builder().register(registry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            faults.report("jvm_metrics", t);
        }
    }
}
