package io.obsagent.it.harness;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the agent recorded, read from its side server's {@code /metrics}: the counterpart of {@link AgentEvents}
 * for tests that need the metrics themselves (in-flight gauge, {@code obs_agent_errors_total}, exact counts).
 */
public final class AgentMetrics {

    public static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private AgentMetrics() {
    }

    public static PrometheusText scrape(AppProcess app) {
        return scrape(app.sideUrl("/metrics"));
    }

    public static PrometheusText scrape(URI metrics) {
        HttpResult result = Http.get(metrics);
        if (result.status() != 200) {
            throw new AssertionError("GET " + metrics + " answered " + result.status() + ": " + result.body());
        }
        return PrometheusText.parse(result.body());
    }

    public static double inFlight(PrometheusText metrics) {
        return metrics.value("http_requests_in_flight", Map.of());
    }

    /** {@code obs_agent_errors_total{where}}, 0 before the first fault of that kind. */
    public static double agentErrors(PrometheusText metrics, String where) {
        return metrics.sum("obs_agent_errors_total", Map.of("where", where));
    }

    /** Requests counted in {@code http_requests_total} whose labels include {@code labels}, over all their series. */
    public static double requests(PrometheusText metrics, Map<String, String> labels) {
        return metrics.sum("http_requests_total", labels);
    }

    /**
     * Waits until no request is in flight. An async request's end (its listener) and the end of a request the
     * client abandoned may come just after the client saw the response or the socket close, so this polls.
     */
    public static PrometheusText awaitNothingInFlight(AppProcess app) {
        return await(app, "http_requests_in_flight back to 0", metrics -> inFlight(metrics) == 0);
    }

    /** Scrapes until {@code condition} holds; fails after {@link #SETTLE_TIMEOUT}, or at once if the app exits. */
    public static PrometheusText await(AppProcess app, String condition, Predicate<PrometheusText> holds) {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (true) {
            PrometheusText metrics = scrape(app);
            if (holds.test(metrics)) {
                return metrics;
            }
            if (!app.isAlive() || System.nanoTime() - deadline > 0) {
                throw new AssertionError("Not within " + SETTLE_TIMEOUT + ": " + condition
                        + (app.isAlive() ? "" : " (the app exited)") + "; output in " + app.logFile());
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while scraping " + app, e);
            }
        }
    }
}
