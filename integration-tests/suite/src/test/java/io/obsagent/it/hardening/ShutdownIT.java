package io.obsagent.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.AppProcessBuilder;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.JsonLines;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The application's exit with the agent attached: not held up, and the agent's pending events still written. */
@Tag("hardening")
class ShutdownIT {

    private static final int RUNS = 5;
    private static final long MAX_DELAY_MILLIS = 200;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(60);

    /**
     * SIGTERM to exit of the Jetty 9 app after some requests, with and without the agent, runs interleaved so that
     * the machine's load falls on both alike; the medians may differ by at most 200 ms, and the exit code not at all.
     */
    @Test
    void theAgentDelaysTheApplicationsExitByAtMost200Milliseconds() {
        List<Long> without = new ArrayList<>();
        List<Long> with = new ArrayList<>();
        List<Integer> exitCodes = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            without.add(millisFromSigtermToExit(false, exitCodes));
            with.add(millisFromSigtermToExit(true, exitCodes));
        }
        long medianWithout = median(without);
        long medianWith = median(with);
        System.out.printf("SIGTERM to exit, median of %d: %d ms without the agent %s, %d ms with it %s%n",
                RUNS, medianWithout, without, medianWith, with);
        assertThat(exitCodes).as("exit codes, without and with the agent").containsOnly(exitCodes.get(0));
        assertThat(medianWith - medianWithout).as("delay the agent adds to the exit, ms").isLessThanOrEqualTo(MAX_DELAY_MILLIS);
    }

    private static long millisFromSigtermToExit(boolean withAgent, List<Integer> exitCodes) {
        AppProcessBuilder builder = AppProcess.builder(Apps.jetty9());
        try (AppProcess app = (withAgent ? builder.withAgent() : builder).start()) {
            app.awaitReady();
            for (int i = 0; i < 20; i++) {
                assertThat(Http.get(app.appUrl("/hello")).status()).isEqualTo(200);
            }
            if (withAgent) {
                app.awaitLine(JsonLines.event("agent_started"), EVENT_TIMEOUT);
            }
            long start = System.nanoTime();
            exitCodes.add(app.stop(STOP_TIMEOUT));
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }
    }

    /**
     * Requests answered just before SIGTERM while the agent's events were still queued: stdout stops being read
     * during the burst (the writer blocks, events wait in the queue), then flows again as SIGTERM is sent. Every
     * request's {@code request_processed} line must still come out before the process ends.
     */
    @Test
    void eventsOfRequestsAnsweredJustBeforeSigtermAreAllWritten() throws Exception {
        int requests = 400;
        try (AppProcess app = AppProcess.builder(Apps.jetty9()).withAgent().start()) {
            app.awaitReady();
            app.awaitLine(JsonLines.event("agent_started"), EVENT_TIMEOUT);

            app.pauseStdout();
            sendConcurrently(app, requests);
            app.resumeStdout();
            app.stop(STOP_TIMEOUT);

            app.awaitLineCount(line -> line.contains("\"request_processed\"") && line.contains("\"exit-"), requests, EVENT_TIMEOUT);
            assertThat(JsonLines.of(app.stdoutLines()).malformed()).isEmpty();
        }
    }

    /** GET /hello from 8 clients, each with request ID exit-N; all must answer 200. */
    private static void sendConcurrently(AppProcess app, int requests) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                String id = "exit-" + i;
                calls.add(clients.submit(() -> Http.get(app.appUrl("/hello"), "X-Request-ID", id).status()));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get(2, TimeUnit.MINUTES)).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
