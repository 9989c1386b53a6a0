package io.obsagent.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.obsagent.it.harness.AgentMetrics;
import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.KeepAliveConnection;
import io.obsagent.it.harness.PrometheusText;
import io.obsagent.it.harness.RawResponse;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * agent/SPEC.md §6 over a long run: 200 000 requests over every endpoint of the sample app at full speed (sync, async,
 * streamed, failing, timing out), after a warm-up that has already produced every series. Afterwards the agent
 * has counted exactly what was sent, no series and no thread more than before, and the live heap is where it was.
 */
@Tag("hardening")
class LongRunIT {

    private static final int REQUESTS = 200_000;
    private static final int WARM_UP_REQUESTS = 12_000;
    private static final int CLIENTS = 4;
    private static final Duration RUN_DEADLINE = Duration.ofMinutes(6);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    /** Tomcat's and Spring's pools may differ by a few idle threads between two readings; a thread per request cannot hide. */
    private static final int THREAD_GROWTH_BOUND = 8;
    /**
     * Live heap growth allowed after a full GC: 20 bytes per request. The sample app keeps a little per task it
     * ever created (H2's row IDs and free lists), and a full GC's live set varies by some hundreds of KB.
     */
    private static final long HEAP_GROWTH_BOUND = 4L * 1024 * 1024;
    private static final Pattern TASK_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final String JSON = "Content-Type: application/json";

    @Test
    void twoHundredThousandRequestsAreAllCountedAndLeaveNothingBehind() throws Exception {
        try (AppProcess app = AppProcess.builder(Apps.sampleApp()).withAgent().start()) {
            app.awaitReady();
            AppJvm jvm = new AppJvm(app);
            Set<Integer> statuses = ConcurrentHashMap.newKeySet();

            // awaitReady's own requests are counted too, once they have ended.
            int ready = (int) counted(AgentMetrics.awaitNothingInFlight(app));
            int warmUp = ready + run(app, WARM_UP_REQUESTS, statuses);
            PrometheusText warm = awaitCounted(app, warmUp);
            int seriesBefore = series(warm);
            int threadsBefore = jvm.threadCount();
            AppJvm.LiveHeap heapBefore = jvm.liveHeap();

            long start = System.nanoTime();
            int sent = run(app, REQUESTS, statuses);
            long runMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            PrometheusText after = awaitCounted(app, warmUp + sent);
            int threadsAfter = awaitThreadsAtMost(jvm, threadsBefore + THREAD_GROWTH_BOUND);
            AppJvm.LiveHeap heapAfter = jvm.liveHeap();

            String figures = String.format("long run: %d requests in %d ms (%.0f/s) over %d keep-alive connections,"
                            + " statuses %s; http_requests_total %.0f (start-up and warm-up %d + run %d); series %d before, %d after;"
                            + " threads %d before, %d after; live heap %.2f MB before, %.2f MB after (%+.2f MB)",
                    sent, runMillis, sent * 1000.0 / runMillis, CLIENTS + 1, statuses, counted(after), warmUp, sent,
                    seriesBefore, series(after), threadsBefore, threadsAfter, heapBefore.megabytes(),
                    heapAfter.megabytes(), heapAfter.megabytes() - heapBefore.megabytes());
            System.out.println(figures);

            assertThat(sent).as(figures).isEqualTo(REQUESTS);
            assertThat(statuses).as(figures).contains(200, 201, 204, 400, 404, 500, 503);
            assertThat(counted(after)).as("nothing lost, nothing counted twice: " + figures).isEqualTo(warmUp + sent);
            assertThat(series(after)).as(figures).isEqualTo(seriesBefore);
            assertThat(after.value("http_requests_in_flight", Map.of())).as(figures).isZero();
            assertThat(after.sum("obs_agent_errors_total", Map.of())).as(figures).isZero();
            assertThat(threadsAfter).as(figures).isLessThanOrEqualTo(threadsBefore + THREAD_GROWTH_BOUND);
            assertThat(heapAfter.bytes() - heapBefore.bytes())
                    .as(figures + "\nlargest growth:" + heapAfter.largestGrowthSince(heapBefore, 15))
                    .isLessThanOrEqualTo(HEAP_GROWTH_BOUND);
            assertThat(app.isAlive()).isTrue();
        }
    }

    /**
     * Sends exactly {@code count} requests over {@link #CLIENTS} keep-alive connections going round the cycle of
     * {@link #cycle}, and one more sending {@link #watch}es; returns how many were answered (all, or the test fails).
     */
    private static int run(AppProcess app, int count, Set<Integer> statuses) throws Exception {
        AtomicInteger budget = new AtomicInteger(count);
        AtomicInteger answered = new AtomicInteger();
        long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + 1);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c <= CLIENTS; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    try (KeepAliveConnection connection = new KeepAliveConnection(app.appPort(), Duration.ofSeconds(30))) {
                        Client requests = new Client(connection, budget, answered, statuses);
                        while (System.nanoTime() < deadline
                                && (client == CLIENTS ? watch(requests) : cycle(requests, client))) {
                            // the next round
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get(RUN_DEADLINE.toSeconds() + 60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(answered.get()).as("requests answered within " + RUN_DEADLINE).isEqualTo(count);
        return answered.get();
    }

    /**
     * One round over every endpoint but the watch: create, read, update, export (and a failing export), the async
     * summary, the streamed list, a bad create, a missing task, delete, list. False once the budget is spent.
     */
    private static boolean cycle(Client requests, int client) {
        RawResponse created = requests.send("POST", "/api/v1/tasks", "{\"title\":\"long run " + client + "\"}");
        if (created == null) {
            return false;
        }
        Matcher id = TASK_ID.matcher(created.bodyText());
        assertThat(id.find()).as("task id in %s", created.bodyText()).isTrue();
        String task = "/api/v1/tasks/" + id.group(1);
        return requests.send("GET", task, null) != null
                && requests.send("PUT", task, "{\"title\":\"done " + client + "\",\"done\":true}") != null
                && requests.send("GET", task + "/export", null) != null
                && requests.send("GET", task + "/export?format=xml", null) != null
                && requests.send("GET", "/api/v1/tasks/summary", null) != null
                && requests.send("GET", "/api/v1/tasks/stream", null) != null
                && requests.send("POST", "/api/v1/tasks", "{}") != null
                && requests.send("GET", "/api/v1/tasks/999999999", null) != null
                && requests.send("DELETE", task, null) != null
                && requests.send("GET", "/api/v1/tasks", null) != null;
    }

    /**
     * A long poll that times out (503). The container looks for timed-out async requests about once a second, so
     * watches go on a connection of their own, beside the cycles, rather than hold every cycle up for a second.
     */
    private static boolean watch(Client requests) {
        return requests.send("GET", "/api/v1/tasks/1/watch?timeoutMs=1", null) != null;
    }

    /** One client's connection, drawing each request from the shared budget. */
    private record Client(KeepAliveConnection connection, AtomicInteger budget, AtomicInteger answered,
                          Set<Integer> statuses) {

        /** The response, or null when the budget is spent and nothing was sent. */
        RawResponse send(String method, String target, String body) {
            if (budget.getAndDecrement() <= 0) {
                return null;
            }
            RawResponse response = body == null ? connection.send(method, target, null)
                    : connection.send(method, target, body, JSON);
            statuses.add(response.status());
            answered.incrementAndGet();
            return response;
        }
    }

    /** The side server's metrics once {@code http_requests_total} has reached {@code expected} (requests end after their answer). */
    private static PrometheusText awaitCounted(AppProcess app, int expected) {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (true) {
            PrometheusText metrics = PrometheusText.parse(Http.get(app.sideUrl("/metrics")).body());
            if (counted(metrics) >= expected || System.nanoTime() > deadline) {
                return metrics;
            }
            sleep(100);
        }
    }

    private static double counted(PrometheusText metrics) {
        return metrics.sum("http_requests_total", Map.of());
    }

    /** Distinct series of the agent's HTTP metrics. */
    private static int series(PrometheusText metrics) {
        return (int) metrics.samples().stream().filter(sample -> sample.name().startsWith("http_")).count();
    }

    /** Idle pool threads end after a while: the count once it is within the bound, or the last reading. */
    private static int awaitThreadsAtMost(AppJvm jvm, int bound) {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        int threads = jvm.threadCount();
        while (threads > bound && System.nanoTime() < deadline) {
            sleep(500);
            threads = jvm.threadCount();
        }
        return threads;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
