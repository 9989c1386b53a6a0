package io.obsagent.core.metrics.rules;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;

/**
 * What one rule target does when an outermost watched call ends. Every data point is resolved when the rule
 * is registered, so recording a call looks nothing up and allocates nothing.
 */
abstract class Probe {

    /** The probe of a rule whose metric could not be registered. */
    static final Probe NONE = new Probe(false) {
        @Override
        void record(long startNanos, Throwable thrown) {
        }
    };

    /** True when the call's start time is needed: only timers pay for reading the clock. */
    final boolean timed;

    private Probe(boolean timed) {
        this.timed = timed;
    }

    abstract void record(long startNanos, Throwable thrown);

    static Probe counter(final CounterDataPoint count, final boolean countsExceptions) {
        return new Probe(false) {
            @Override
            void record(long startNanos, Throwable thrown) {
                if ((thrown != null) == countsExceptions) {
                    count.inc();
                }
            }
        };
    }

    /** A call that threw changed nothing the gauge tracks (the task was not created, or not deleted). */
    static Probe upDown(final GaugeDataPoint gauge, boolean decrements) {
        final double step = decrements ? -1 : 1;
        return new Probe(false) {
            @Override
            void record(long startNanos, Throwable thrown) {
                if (thrown == null) {
                    gauge.inc(step);
                }
            }
        };
    }

    static Probe timer(final DistributionDataPoint success, final DistributionDataPoint error) {
        return new Probe(true) {
            @Override
            void record(long startNanos, Throwable thrown) {
                (thrown == null ? success : error).observe((System.nanoTime() - startNanos) / 1e9);
            }
        };
    }
}
