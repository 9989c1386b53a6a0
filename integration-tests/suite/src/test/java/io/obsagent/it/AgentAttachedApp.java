package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.obsagent.it.harness.AgentEvents;
import io.obsagent.it.harness.AppJar;
import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.AppProcessBuilder;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.RawHttp;
import io.obsagent.it.harness.RawResponse;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One app, started once with the agent for all the tests of a class (start-up is slow), and the request-ID
 * behaviour every app must show (agent/SPEC.md §2.1, §6 "hostile input"), whatever its container or framework.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgentAttachedApp {

    static final String HEADER = "X-Request-ID";
    /** {@code xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx}, lower-case hex as the agent writes it. */
    static final Pattern UUID_V4 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    AppProcess app;
    AgentEvents events;

    abstract AppJar jar();

    /** A cheap GET path that answers 200 (also the marker path of {@link AgentEvents#settle()}). */
    abstract String plainPath();

    /** The endpoint label of {@link #plainPath()}. */
    abstract String plainEndpoint();

    /** How the app is launched, beyond the jar and the agent; by default nothing more. */
    AppProcessBuilder launch(AppProcessBuilder builder) {
        return builder;
    }

    @BeforeAll
    void startApp() {
        app = launch(AppProcess.builder(jar()).withAgent().testName(getClass().getSimpleName())).start();
        app.awaitReady();
        events = AgentEvents.of(app, plainPath());
    }

    @AfterAll
    void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void generatedRequestIdIsAVersion4UuidEchoedAndLoggedWithTheRequest() {
        HttpResult response = Http.get(app.appUrl(plainPath()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headerValues(HEADER)).hasSize(1);
        String id = response.header(HEADER);
        assertThat(id).matches(UUID_V4);
        Map<String, Object> processed = events.awaitRequestProcessed(id);
        assertThat(processed).containsEntry("method", "GET").containsEntry("path", plainPath())
                .containsEntry("endpoint", plainEndpoint()).containsEntry("status", 200);
        assertThat(Http.get(app.appUrl(plainPath())).header(HEADER)).as("a new ID per request").isNotEqualTo(id);
    }

    @Test
    void validIncomingRequestIdIsKept() {
        for (String incoming : List.of(AgentEvents.newRequestId(), "Ab9._:@-" + System.nanoTime(), "x".repeat(128))) {
            HttpResult response = Http.get(app.appUrl(plainPath()), HEADER, incoming);

            assertThat(response.headerValues(HEADER)).containsExactly(incoming);
            assertThat(events.awaitRequestProcessed(incoming)).containsEntry("status", 200);
        }
    }

    @Test
    void oversizedOrMalformedRequestIdIsReplacedNotEchoed() {
        for (String hostile : List.of("a".repeat(129), "a".repeat(400), "abc def", "abc\tdef", "<script>", "a/b", "ab;c=d")) {
            HttpResult response = Http.get(app.appUrl(plainPath()), HEADER, hostile);

            assertThat(response.status()).as("status for %s", hostile).isEqualTo(200);
            assertThat(response.headerValues(HEADER)).as("echo of %s", hostile).hasSize(1);
            assertThat(response.header(HEADER)).matches(UUID_V4);
            assertThat(events.awaitRequestProcessed(response.header(HEADER))).containsEntry("path", plainPath());
        }
    }

    /**
     * Raw bytes no client library sends: CR injection, obs-fold, NUL, DEL, UTF-8 and Latin-1 letters. The container
     * may reject the request itself (400, before any application code); whatever it
     * lets through must be answered with one fresh UUID, and the hostile bytes must never come back.
     */
    @Test
    void requestIdWithControlOrNonAsciiBytesIsReplacedOrRejectedByTheContainerButNeverEchoed() {
        Map<String, byte[]> hostileValues = Map.of(
                "bare CR + injected header", bytes("abc\rX-Evil: 1"),
                "obs-fold + injected header", bytes("abc\r\n X-Evil: 1"),
                "NUL", bytes("abc\0def"),
                "DEL", bytes("abc\u007fdef"),
                "UTF-8 e-acute", new byte[] {'a', 'b', 'c', (byte) 0xC3, (byte) 0xA9},
                "Latin-1 e-acute", new byte[] {'a', 'b', 'c', (byte) 0xE9});
        List<String> reachedTheApp = new ArrayList<>();
        SoftAssertions softly = new SoftAssertions();
        hostileValues.forEach((name, value) -> {
            RawResponse response = RawHttp.send(app.appPort(), rawGet(value));
            softly.assertThat(response.headerValues("X-Evil")).as("injected header, %s", name).isEmpty();
            softly.assertThat(String.join("\n", response.headerLines())).as("head, %s", name)
                    .doesNotContain("abc\r", "abc\u0000", "abc\u007f", "abc\u00c3", "abc\u00e9", "X-Evil: 1");
            if (response.status() == 400) {
                // Rejected by the container before any application code. Where the agent still sees the answer
                // (Tomcat's host valve), it carries one fresh ID like every other.
                softly.assertThat(response.headerValues(HEADER)).as("request ID on the rejection, %s", name)
                        .hasSizeLessThanOrEqualTo(1).allMatch(id -> UUID_V4.matcher(id).matches());
                return;
            }
            reachedTheApp.add(name);
            softly.assertThat(response.status()).as("status, %s", name).isEqualTo(200);
            softly.assertThat(response.headerValues(HEADER)).as("request ID, %s", name).hasSize(1);
            softly.assertThat(response.header(HEADER)).as("request ID, %s", name).matches(UUID_V4);
            if (response.header(HEADER) != null) {
                softly.assertThat(events.awaitRequestProcessed(response.header(HEADER))).as("event, %s", name)
                        .containsEntry("path", plainPath());
            }
        });
        softly.assertAll();
        assertThat(reachedTheApp).as("values every container passes through").contains("UTF-8 e-acute", "Latin-1 e-acute");
    }

    /** A GET of {@link #plainPath()} whose X-Request-ID value is exactly these bytes. */
    private byte[] rawGet(byte[] requestIdValue) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(bytes("GET " + plainPath() + " HTTP/1.1\r\nHost: 127.0.0.1:" + app.appPort() + "\r\n" + HEADER + ": "));
        request.writeBytes(requestIdValue);
        request.writeBytes(bytes("\r\nConnection: close\r\n\r\n"));
        return request.toByteArray();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** GET with a fresh valid request ID; returns the response, whose ID is {@link #idOf}. */
    HttpResult get(String path) {
        return Http.get(app.appUrl(path), HEADER, AgentEvents.newRequestId());
    }

    static String idOf(HttpResult response) {
        String id = response.header(HEADER);
        assertThat(id).as("X-Request-ID of the response").isNotNull();
        return id;
    }

    /** The request's only access event, after making sure any second one would have been written by now. */
    Map<String, Object> onlyRequestProcessed(HttpResult response) {
        String id = idOf(response);
        events.awaitRequestProcessed(id);
        events.settle();
        List<Map<String, Object>> processed = events.requestsProcessed(id);
        assertThat(processed).as("request_processed events of request %s", id).hasSize(1);
        return processed.get(0);
    }

    /** The request's only unhandled_exception event (call after {@link #onlyRequestProcessed}). */
    Map<String, Object> onlyUnhandledException(HttpResult response) {
        List<Map<String, Object>> exceptions = events.unhandledExceptions(idOf(response));
        assertThat(exceptions).as("unhandled_exception events of request %s", idOf(response)).hasSize(1);
        return exceptions.get(0);
    }

    /** Asserts the endpoint label of each path (GET), reading each request's access event. */
    void assertEndpoints(Map<String, String> endpointByPath) {
        SoftAssertions softly = new SoftAssertions();
        endpointByPath.forEach((path, endpoint) -> {
            HttpResult response = get(path);
            softly.assertThat(events.awaitRequestProcessed(idOf(response)).get("endpoint"))
                    .as("endpoint of GET %s (status %d)", path, response.status()).isEqualTo(endpoint);
        });
        softly.assertAll();
    }

    static double durationMs(Map<String, Object> processed) {
        return ((Number) processed.get("duration_ms")).doubleValue();
    }
}
