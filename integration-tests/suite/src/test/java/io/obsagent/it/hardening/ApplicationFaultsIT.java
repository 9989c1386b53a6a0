package io.obsagent.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.obsagent.it.harness.AgentEvents;
import io.obsagent.it.harness.AgentMetrics;
import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.JsonLines;
import io.obsagent.it.harness.PrometheusText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The application fails hard (stack overflow, out of memory) or its client walks away mid-response: the agent
 * records the request once, does not fail itself, and the application goes on serving. One Jetty 9 app for all.
 * The async request that times out is in {@code ServletAppRequests.asyncTimeoutEndsTheRequestOnceWithTheFinalStatus}.
 */
@Tag("hardening")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplicationFaultsIT {

    private static final String HEADER = "X-Request-ID";

    private AppProcess app;
    private AgentEvents events;

    @BeforeAll
    void startApp() {
        app = AppProcess.builder(Apps.jetty9()).withAgent().testName(getClass().getSimpleName()).start();
        app.awaitReady();
        events = AgentEvents.of(app, "/hello");
    }

    @AfterAll
    void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"/stack-overflow, java.lang.StackOverflowError", "/oom, java.lang.OutOfMemoryError"})
    void anErrorThrownByTheApplicationIsCountedOnceAndTheApplicationServesOn(String path, String error) {
        String id = AgentEvents.newRequestId();
        HttpResult response = Http.get(app.appUrl(path), HEADER, id);

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.headerValues(HEADER)).containsExactly(id);
        events.awaitRequestProcessed(id);
        events.settle();
        assertThat(events.requestsProcessed(id)).singleElement().satisfies(processed -> assertThat(processed)
                .containsEntry("status", 500).containsEntry("endpoint", path));
        assertThat(events.unhandledExceptions(id)).singleElement().satisfies(exception -> assertThat(exception)
                .containsEntry("exception_type", error).containsEntry("path", path));
        PrometheusText metrics = AgentMetrics.awaitNothingInFlight(app);
        assertThat(metrics.value("http_exceptions_total", Map.of("endpoint", path, "exception", error))).isEqualTo(1);
        assertThat(metrics.value("http_requests_total", Map.of("endpoint", path, "status", "500"))).isEqualTo(1);
        assertNoAgentErrorAndStillServing();
    }

    /**
     * Clients that read the first line of a slow streamed response and reset the connection: the application's
     * next write fails. Each request is recorded exactly once, and none stays in flight.
     */
    @Test
    void aClientThatHangsUpMidResponseIsRecordedOnceAndLeavesNothingInFlight() throws IOException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = AgentEvents.newRequestId();
            ids.add(id);
            hangUpAfterTheFirstLine("/slow-stream?lines=600&delayMs=50", id);
        }
        for (String id : ids) {
            events.awaitRequestProcessed(id);
        }
        events.settle();

        List<Object> statuses = new ArrayList<>();
        for (String id : ids) {
            List<Map<String, Object>> processed = events.requestsProcessed(id);
            assertThat(processed).as("request_processed of %s", id).singleElement()
                    .satisfies(event -> assertThat(event).containsEntry("endpoint", "/slow-stream"));
            statuses.add(processed.get(0).get("status"));
            assertThat(events.unhandledExceptions(id)).as("unhandled_exception of %s", id).hasSizeLessThanOrEqualTo(1);
        }
        PrometheusText metrics = AgentMetrics.awaitNothingInFlight(app);
        assertThat(AgentMetrics.requests(metrics, Map.of("endpoint", "/slow-stream"))).isEqualTo(ids.size());
        System.out.printf("client hang-ups recorded with statuses %s%n", statuses);
        assertNoAgentErrorAndStillServing();
    }

    /** Sends the GET, reads until the first streamed line arrives, then closes with a reset (SO_LINGER 0). */
    private void hangUpAfterTheFirstLine(String path, String id) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), app.appPort())) {
            socket.setSoTimeout(30_000);
            socket.setSoLinger(true, 0);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + HEADER + ": " + id + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[1024];
            while (!seen.toString().contains("line 1\n")) {
                int read = in.read(buffer);
                assertThat(read).as("response so far: %s", seen).isPositive();
                seen.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            }
            assertThat(seen.toString()).startsWith("HTTP/1.1 200 ");
        }
    }

    private void assertNoAgentErrorAndStillServing() {
        assertThat(JsonLines.of(app.stdoutLines()).events("agent_error")).isEmpty();
        assertThat(Http.get(app.appUrl("/hello")).body()).isEqualTo("hello");
        assertThat(Http.get(app.sideUrl("/health/live")).status()).isEqualTo(200);
        assertThat(app.isAlive()).isTrue();
    }
}
