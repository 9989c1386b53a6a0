package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import io.obsagent.it.harness.AgentEvents;
import io.obsagent.it.harness.AppJar;
import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import org.junit.jupiter.api.Test;

/**
 * agent/SPEC.md §6 "hostile input": a scanner requesting thousands of random paths with random methods adds at most
 * {@code metrics.endpoint_limit} endpoint values (besides NOT_FOUND and OTHER), and methods collapse to {@code _OTHER}.
 * The values are read from the access events, which carry the labels of the request's series; see
 * {@link #recordedEndpointSeries} and {@link #recordedMethodLabels} for switching to /metrics.
 */
class EndpointCardinalityIT {

    private static final int LIMIT = 50;
    private static final int SCANNER_THREADS = 4;
    private static final Duration EVENTS_TIMEOUT = Duration.ofMinutes(3);
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "FOO", "PROPFIND", "MKCOL", "BREW", "get", "X-SCAN");
    private static final Set<String> METHOD_LABELS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "TRACE", "CONNECT", "_OTHER");

    @Test
    void randomPathsAndMethodsOnTheSampleAppStayWithinTheEndpointLimit() {
        Random random = new Random(20251120);
        try (AppProcess app = AppProcess.builder(Apps.sampleApp()).withAgent("metrics.endpoint_limit=" + LIMIT).start()) {
            app.awaitReady();
            AgentEvents events = AgentEvents.of(app, "/api/v1/tasks");

            int requests = scan(app, 5_000, i -> switch (i % 4) {
                case 0 -> "/" + word(random) + "/" + word(random);
                case 1 -> "/api/v1/tasks/" + word(random) + (random.nextBoolean() ? "" : "/" + word(random));
                case 2 -> "/api/" + word(random) + "/" + i;
                default -> "/static/" + word(random) + "." + word(random);
            }, random);

            events.awaitEvents(AgentEvents.REQUEST_PROCESSED, event -> true, requests, EVENTS_TIMEOUT);
            events.settle();
            Set<String> endpoints = recordedEndpointSeries(events);
            assertWithinLimit(endpoints);
            assertThat(endpoints).contains("NOT_FOUND", "/api/v1/tasks/{id}");
            assertThat(recordedMethodLabels(events)).isSubsetOf(METHOD_LABELS).contains("_OTHER");
        }
    }

    /** Responses that are not 404 keep their (normalised) path as the endpoint: here the limit must engage. */
    @Test
    void randomPathsAnsweredByAFilterOnJetty9AreCappedAsOther() {
        Random random = new Random(20251121);
        try (AppProcess app = AppProcess.builder(Apps.jetty9()).withAgent("metrics.endpoint_limit=" + LIMIT).start()) {
            app.awaitReady();
            AgentEvents events = AgentEvents.of(app, "/hello");

            int requests = scan(app, 1_000, i -> "/secured/" + word(random), random);

            events.awaitEvents(AgentEvents.REQUEST_PROCESSED, event -> true, requests, EVENTS_TIMEOUT);
            events.settle();
            Set<String> endpoints = recordedEndpointSeries(events);
            assertWithinLimit(endpoints);
            assertThat(endpoints).contains("OTHER");
            assertThat(recordedMethodLabels(events)).isSubsetOf(METHOD_LABELS).contains("_OTHER");
        }
    }

    private static void assertWithinLimit(Set<String> endpoints) {
        List<String> limited = new ArrayList<>(endpoints);
        limited.remove("NOT_FOUND");
        limited.remove("OTHER");
        assertThat(limited).as("endpoint values besides NOT_FOUND and OTHER").hasSizeLessThanOrEqualTo(LIMIT);
    }

    /**
     * The endpoint label values of the app's HTTP series. Read from the access events until the side server's
     * /metrics is available; then: distinct {@code endpoint} labels of {@code http_requests_total}.
     */
    private static Set<String> recordedEndpointSeries(AgentEvents events) {
        return events.distinctEndpoints();
    }

    /** The method label values of the app's HTTP series (see {@link #recordedEndpointSeries}). */
    private static Set<String> recordedMethodLabels(AgentEvents events) {
        return events.distinctMethods();
    }

    /** Sends {@code count} requests with random methods from a few threads; returns how many were answered. */
    private static int scan(AppProcess app, int count, IntFunction<String> paths, Random random) {
        List<String[]> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(new String[] {METHODS.get(random.nextInt(METHODS.size())), paths.apply(i)});
        }
        ExecutorService scanners = Executors.newFixedThreadPool(SCANNER_THREADS);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int t = 0; t < SCANNER_THREADS; t++) {
                int first = t;
                sent.add(scanners.submit(() -> {
                    for (int i = first; i < requests.size(); i += SCANNER_THREADS) {
                        String[] request = requests.get(i);
                        boolean withBody = Set.of("POST", "PUT", "PATCH").contains(request[0]);
                        Http.send(request[0], app.appUrl(request[1]), withBody ? "x" : null);
                    }
                    return null;
                }));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } catch (Exception e) {
            throw new AssertionError("The scan failed", e);
        } finally {
            scanners.shutdownNow();
        }
        return requests.size();
    }

    /** Letters only, so that the path normaliser cannot fold them into {id}. */
    private static String word(Random random) {
        StringBuilder word = new StringBuilder();
        int length = 3 + random.nextInt(8);
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }
}
