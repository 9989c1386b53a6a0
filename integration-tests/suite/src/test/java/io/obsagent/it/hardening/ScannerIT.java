package io.obsagent.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.KeepAliveConnection;
import io.obsagent.it.harness.PrometheusText;
import io.obsagent.it.harness.RawResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * agent/SPEC.md §6: a scanner requesting 100 000 random paths with random methods, as fast as a few keep-alive connections
 * go, adds at most {@code metrics.endpoint_limit} endpoint values (default 500), its methods collapse to
 * {@code _OTHER}, and the agent's heap stays where it was.
 *
 * <p>The heap is measured on the Jetty 9 app, whose own live heap does not grow with the paths it is asked for.
 * The sample app's does, with or without the agent (about 0.8 KB per random GET path, measured: Tomcat's static
 * resource cache and Spring Boot's resource lookups keep what they looked up); there a heap figure would measure
 * Tomcat, so its scan checks the series only.
 */
@Tag("hardening")
class ScannerIT {

    private static final int ENDPOINT_LIMIT = 500;
    private static final int PATHS = 100_000;
    /**
     * The sample app's scan: Spring answers a random path an order of magnitude slower than Jetty (under 1 000 a
     * second here) and names only some of them by their path (most are NOT_FOUND), so it runs with a limit of 100
     * values: 10 000 paths show what 100 000 would under the default limit, in a tenth of the time.
     */
    private static final int SAMPLE_APP_PATHS = 10_000;
    private static final int SAMPLE_APP_ENDPOINT_LIMIT = 100;
    private static final int CLIENTS = 4;
    /** Generous for 50 000 requests (well under a minute on a quiet 2-core machine); a stuck scan fails here. */
    private static final Duration SCAN_DEADLINE = Duration.ofMinutes(3);
    private static final int WARM_UP_REQUESTS = 3_000;
    /**
     * Live heap growth allowed over the whole scan. What may grow, by design: the series of at most 500 endpoint
     * values (each a counter and a 12-bucket histogram, about 1.5 KB per method and status seen with it: about
     * 1 MB for the few combinations a scanner produces per path) and the limiter's set of 500 strings (about
     * 60 KB); the rest is the noise of a full GC's live set. A per-request leak of one small object (40 bytes)
     * would be 4 MB.
     */
    private static final long HEAP_GROWTH_BOUND = 3 * 1024 * 1024;
    /**
     * Live heap growth allowed over the second 50 000 requests: the limiter is full long before, so nothing of
     * the agent may grow any more; 1 MB is the noise of a full GC's live set, and 20 bytes per request.
     */
    private static final long SECOND_HALF_GROWTH_BOUND = 1024 * 1024;
    private static final List<String> METHODS = List.of("GET", "GET", "GET", "GET", "GET", "GET", "GET", "GET", "HEAD",
            "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "get", "TRACK", "*RANDOM*");

    /** Under /secured the app answers 401 (not 404) whatever the path: there the endpoint limit must engage. */
    @Test
    void oneHundredThousandRandomPathsOnJetty9AddAtMostTheEndpointLimitAndNoHeap() throws Exception {
        try (AppProcess app = AppProcess.builder(Apps.jetty9()).withAgent().start()) {
            app.awaitReady();
            AppJvm jvm = new AppJvm(app);
            Set<Integer> statuses = ConcurrentHashMap.newKeySet();
            Requests scanner = (random, i) -> randomRequest(random, i % 4 == 0 ? "/secured/" : "/");

            scan(app, 0, WARM_UP_REQUESTS, ScannerIT::notFoundGet, statuses);
            AppJvm.LiveHeap before = jvm.liveHeap();
            long start = System.nanoTime();
            int firstHalf = scan(app, 1, PATHS / 2, scanner, statuses);
            AppJvm.LiveHeap half = jvm.liveHeap();
            int secondHalf = scan(app, 2, PATHS / 2, scanner, statuses);
            long scanMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            AppJvm.LiveHeap after = jvm.liveHeap();

            String figures = assertSeriesBounded(app, firstHalf + secondHalf, scanMillis, statuses, ENDPOINT_LIMIT)
                    + String.format("; live heap %.2f MB before, %.2f MB after 50 000, %.2f MB after 100 000"
                            + " (%+.2f MB, second half %+.2f MB)",
                    before.megabytes(), half.megabytes(), after.megabytes(),
                    after.megabytes() - before.megabytes(), after.megabytes() - half.megabytes());
            System.out.println(figures);
            assertThat(after.bytes() - before.bytes()).as(figures + "\nlargest growth:" + after.largestGrowthSince(before, 15))
                    .isLessThanOrEqualTo(HEAP_GROWTH_BOUND);
            assertThat(after.bytes() - half.bytes()).as(figures + "\nlargest growth:" + after.largestGrowthSince(half, 15))
                    .isLessThanOrEqualTo(SECOND_HALF_GROWTH_BOUND);
            HostileRequestsIT.assertAgentLinesUnforged(app.stdoutLines());
            assertThat(app.isAlive()).isTrue();
        }
    }

    /** Spring answers a random path 404 (NOT_FOUND) for GET, and 405 with the path as endpoint for other methods. */
    @Test
    void tenThousandRandomPathsOnTheSampleAppAddAtMostTheEndpointLimit() throws Exception {
        try (AppProcess app = AppProcess.builder(Apps.sampleApp())
                .withAgent("metrics.endpoint_limit=" + SAMPLE_APP_ENDPOINT_LIMIT).start()) {
            app.awaitReady();
            Set<Integer> statuses = ConcurrentHashMap.newKeySet();
            Requests scanner = (random, i) -> randomRequest(random, i % 4 == 0 ? "/api/v1/tasks/" : "/");

            long start = System.nanoTime();
            int sent = scan(app, 1, SAMPLE_APP_PATHS, scanner, statuses);
            long scanMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            System.out.println(assertSeriesBounded(app, sent, scanMillis, statuses, SAMPLE_APP_ENDPOINT_LIMIT));
            HostileRequestsIT.assertAgentLinesUnforged(app.stdoutLines());
            assertThat(app.isAlive()).isTrue();
        }
    }

    /**
     * The {@code http_requests_total} series: at most the limit of endpoint values besides NOT_FOUND and OTHER
     * (and OTHER is there: the limit engaged), standard method labels or {@code _OTHER}, and so at most
     * (limit + 2) x methods x statuses series. Returns the figures.
     */
    private static String assertSeriesBounded(AppProcess app, int sent, long scanMillis, Set<Integer> statuses,
                                              int endpointLimit) {
        PrometheusText metrics = PrometheusText.parse(Http.get(app.sideUrl("/metrics")).body());
        List<PrometheusText.Sample> series = metrics.samples("http_requests_total", Map.of());
        Set<String> endpoints = HostileRequestsIT.labelValues(metrics, "endpoint");
        Set<String> methods = HostileRequestsIT.labelValues(metrics, "method");
        String figures = String.format("%s scanned: %d requests in %d ms (%.0f/s) over %d keep-alive connections;"
                        + " %d http_requests_total series, %d endpoint values, methods %s, statuses %s",
                app, sent, scanMillis, sent * 1000.0 / scanMillis, CLIENTS, series.size(), endpoints.size(),
                methods, statuses);
        assertThat(endpoints.size()).as(figures).isLessThanOrEqualTo(endpointLimit + 2);
        assertThat(endpoints).as("the limit engaged: " + figures).contains("OTHER", "NOT_FOUND");
        assertThat(methods).as(figures).isSubsetOf(HostileRequestsIT.METHOD_LABELS).contains("_OTHER");
        assertThat(series.size()).as(figures)
                .isLessThanOrEqualTo((endpointLimit + 2) * methods.size() * statuses.size());
        return figures;
    }

    /** A request: method and target. */
    private record Request(String method, String target) {
    }

    private interface Requests {
        Request next(Random random, int i);
    }

    /**
     * Sends {@code count} requests over {@link #CLIENTS} keep-alive connections; returns how many were answered.
     * Every request must be answered: a scanner is ordinary traffic for the container.
     */
    private static int scan(AppProcess app, int round, int count, Requests requests, Set<Integer> statuses) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        long deadline = System.nanoTime() + SCAN_DEADLINE.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Random random = new Random(1000L * round + c);
                running.add(clients.submit(() -> {
                    try (KeepAliveConnection connection = new KeepAliveConnection(app.appPort(), Duration.ofSeconds(30))) {
                        for (int i; (i = next.getAndIncrement()) < count && System.nanoTime() < deadline; ) {
                            Request request = requests.next(random, i);
                            RawResponse response;
                            try {
                                response = connection.send(request.method(), request.target(), null);
                            } catch (UncheckedIOException e) {
                                throw new AssertionError(request + " was not answered", e);
                            }
                            statuses.add(response.status());
                            answered.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get(SCAN_DEADLINE.toSeconds() + 60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(answered.get()).as("requests answered within " + SCAN_DEADLINE).isEqualTo(count);
        return answered.get();
    }

    private static Request notFoundGet(Random random, int i) {
        return new Request("GET", "/" + word(random) + "/" + word(random));
    }

    /** What a scanner sends under {@code root}: random words, IDs, extensions, queries; mostly GET. */
    private static Request randomRequest(Random random, String root) {
        String path = root + switch (random.nextInt(6)) {
            case 0 -> word(random) + "/" + word(random);
            case 1 -> word(random);
            case 2 -> word(random) + "/" + random.nextInt(1_000_000);
            case 3 -> word(random) + "." + List.of("php", "asp", "env", "git", "bak", "xml").get(random.nextInt(6));
            case 4 -> word(random) + "/" + Long.toHexString(random.nextLong()) + "/" + word(random);
            default -> "wp-" + word(random) + "/" + word(random) + "?" + word(random) + "=" + word(random);
        };
        String method = METHODS.get(random.nextInt(METHODS.size()));
        if (method.equals("*RANDOM*")) {
            method = HostileRequestsIT.randomToken(random, 1 + random.nextInt(12));
        }
        return new Request(method, path);
    }

    /** Letters only, so that the path normaliser cannot fold them into {id}. */
    private static String word(Random random) {
        int length = 3 + random.nextInt(8);
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }
}
