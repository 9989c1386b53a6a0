package io.obsagent.it.hardening;

import static io.obsagent.it.harness.AgentEvents.EVENT_TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.JsonLines;
import org.junit.jupiter.api.Test;

/**
 * The agent's events and the application's own console output share one stdout pipe. While eight clients make
 * the application print fast, the pipe is left unread until it fills (every writer blocks), then drained: no
 * line of either may be torn, merged with another, or lost.
 */
class SharedStdoutIT {

    private static final int REQUESTS = 400;
    private static final int LINES_PER_REQUEST = 20;
    private static final Pattern APP_LINE = Pattern.compile("app-line shared-\\d+ \\d+ \\.{80}");

    @Test
    void linesOfTheAgentAndTheApplicationNeverTearOnAFillingPipe() throws Exception {
        try (AppProcess app = AppProcess.builder(Apps.jetty9()).withAgent().start()) {
            app.awaitReady();
            app.awaitLine(JsonLines.event("agent_started"), EVENT_TIMEOUT);

            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < REQUESTS; i++) {
                    String id = "shared-" + i;
                    calls.add(clients.submit(() -> Http.get(app.appUrl("/print?lines=" + LINES_PER_REQUEST + "&id=" + id),
                            "X-Request-ID", id).status()));
                    if (i == REQUESTS / 4) {
                        app.pauseStdout();
                    } else if (i == REQUESTS / 2) {
                        app.resumeStdout();
                    }
                }
                app.resumeStdout();
                for (Future<Integer> call : calls) {
                    assertThat(call.get(2, TimeUnit.MINUTES)).isEqualTo(200);
                }
            } finally {
                clients.shutdownNow();
            }

            app.awaitLineCount(line -> line.contains("\"request_processed\"") && line.contains("\"shared-"), REQUESTS, EVENT_TIMEOUT);
            app.awaitLineCount(line -> line.startsWith("app-line shared-"), REQUESTS * LINES_PER_REQUEST, EVENT_TIMEOUT);
            List<String> lines = app.stdoutLines();
            assertThat(lines).filteredOn(line -> line.contains("app-line"))
                    .allMatch(line -> APP_LINE.matcher(line).matches(), "an application line, whole and alone");
            assertThat(lines).filteredOn(line -> line.contains("\"timestamp\""))
                    .allMatch(line -> line.startsWith("{\"timestamp\"") && line.endsWith("}"), "an agent event, whole and alone");
            assertThat(JsonLines.of(lines).malformed()).isEmpty();
        }
    }
}
