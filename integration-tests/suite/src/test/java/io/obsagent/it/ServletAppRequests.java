package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.obsagent.it.harness.AgentEvents;
import io.obsagent.it.harness.AgentMetrics;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.JsonLines;
import io.obsagent.it.harness.RawHttp;
import io.obsagent.it.harness.RawResponse;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Request instrumentation (agent/SPEC.md §2) on a plain javax.servlet application: the endpoints of the javax-endpoints
 * module, served by a real container with the agent attached.
 */
abstract class ServletAppRequests extends AgentAttachedApp {

    @Override
    String plainPath() {
        return "/hello";
    }

    @Override
    String plainEndpoint() {
        return "/hello";
    }

    @Test
    void endpointIsTheServletMappingPatternThatNamesTheRoute() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("/hello", "/hello");
        endpoints.put("/items/42", "/items/*");
        endpoints.put("/items/7/details", "/items/*");
        endpoints.put("/items", "/items/*");
        endpoints.put("/x/anything.do", "*.do");
        endpoints.put("/deeply/nested/other.do", "*.do");
        endpoints.put("/no/such/path", "NOT_FOUND");
        endpoints.put("/orders/12345", "NOT_FOUND");
        assertEndpoints(endpoints);
    }

    @Test
    void unknownPathIsNotFoundForAnyMethod() {
        HttpResult response = Http.send("POST", app.appUrl("/wp-admin/setup.php"), "x", HEADER, AgentEvents.newRequestId());

        assertThat(response.status()).isEqualTo(404);
        assertThat(onlyRequestProcessed(response)).containsEntry("method", "POST").containsEntry("endpoint", "NOT_FOUND")
                .containsEntry("status", 404);
    }

    @Test
    void oneRequestProcessedPerRequestThroughFiltersForwardsIncludesAndErrorPages() {
        record Case(String path, int status, String endpoint) {
        }
        List<Case> cases = List.of(
                new Case("/forward", 200, "/forward"),
                new Case("/include", 200, "/include"),
                new Case("/fail", 500, "/fail"),
                new Case("/send-error", 503, "/send-error"),
                new Case("/secured/area", 401, "/secured/area"),
                new Case("/no/such/path", 404, "NOT_FOUND"));
        SoftAssertions softly = new SoftAssertions();
        for (Case c : cases) {
            HttpResult response = get(c.path());
            softly.assertThat(response.status()).as("status of %s", c.path()).isEqualTo(c.status());
            softly.assertThat(response.headerValues(HEADER)).as("request ID of %s", c.path()).hasSize(1);
            Map<String, Object> processed = onlyRequestProcessed(response);
            softly.assertThat(processed.get("status")).as("event status of %s", c.path()).isEqualTo(c.status());
            softly.assertThat(processed.get("endpoint")).as("endpoint of %s", c.path()).isEqualTo(c.endpoint());
            softly.assertThat(processed.get("path")).as("path of %s", c.path()).isEqualTo(c.path());
        }
        softly.assertAll();
    }

    @Test
    void asyncRequestIsMeasuredUntilItCompletes() {
        HttpResult response = get("/async?delayMs=300");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("async done");
        Map<String, Object> processed = onlyRequestProcessed(response);
        assertThat(processed).containsEntry("status", 200).containsEntry("endpoint", "/async").containsEntry("path", "/async");
        assertThat(durationMs(processed)).isGreaterThanOrEqualTo(300);
    }

    @Test
    @Tag("hardening")
    void asyncTimeoutEndsTheRequestOnceWithTheFinalStatus() {
        HttpResult response = get("/async-timeout?timeoutMs=200");

        assertThat(response.status()).isEqualTo(500);
        Map<String, Object> processed = onlyRequestProcessed(response);
        assertThat(processed).containsEntry("status", 500).containsEntry("endpoint", "/async-timeout");
        assertThat(durationMs(processed)).isGreaterThanOrEqualTo(200);
        assertThat(AgentMetrics.inFlight(AgentMetrics.awaitNothingInFlight(app))).isZero();
    }

    @Test
    void unhandledExceptionIsLoggedOnceWithTheRequestIdAndTheApplicationsExceptionClass() {
        HttpResult response = get("/fail");

        assertThat(response.status()).isEqualTo(500);
        assertThat(onlyRequestProcessed(response)).containsEntry("status", 500).containsEntry("endpoint", "/fail");
        Map<String, Object> exception = onlyUnhandledException(response);
        assertThat(exception).containsEntry("exception_type", "java.lang.IllegalStateException")
                .containsEntry("exception_message", "boom").containsEntry("method", "GET").containsEntry("path", "/fail");
        assertThat((String) exception.get("stack_trace")).startsWith("java.lang.IllegalStateException: boom")
                .contains("FailServlet.doGet");
    }

    @Test
    void exceptionAfterTheResponseWasCommittedIsLoggedOnce() {
        String id = AgentEvents.newRequestId();
        RawResponse response = RawHttp.get(app.appPort(), "/stream?failAfter=2", HEADER + ": " + id);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header(HEADER)).isEqualTo(id);
        events.awaitRequestProcessed(id);
        events.settle();
        assertThat(events.requestsProcessed(id)).singleElement().satisfies(processed -> assertThat(processed)
                .containsEntry("endpoint", "/stream").containsEntry("status", 500));
        assertThat(events.unhandledExceptions(id)).singleElement().satisfies(exception -> assertThat(exception)
                .containsEntry("exception_type", "java.lang.IllegalStateException")
                .containsEntry("exception_message", "stream failed"));
    }

    @Test
    void oddRequestPathsAreLoggedAsValidJson() {
        List<byte[]> paths = List.of(bytes("/x\u00c3\u00a9"), bytes("/x\"q\\u0000"), bytes("/x%0d%0aEvil"),
                bytes("/items/\u00c3\u00a9\""), bytes("/x;jsessionid=1"), bytes("/x\\y"), bytes("/a/../hello"), bytes("//hello"));
        for (byte[] path : paths) {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(bytes("GET "));
            request.writeBytes(path);
            request.writeBytes(bytes(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
            RawHttp.send(app.appPort(), request.toByteArray());
        }
        events.settle();

        assertThat(JsonLines.of(app.stdoutLines()).malformed()).isEmpty();
        assertThat(events.requestsProcessed()).anySatisfy(event -> assertThat(event).containsEntry("path", "/x%0d%0aEvil")
                .containsEntry("endpoint", "NOT_FOUND"));
    }

    @Test
    void requestAttributeCarriesTheRequestId() {
        HttpResult response = Http.get(app.appUrl("/request-id-attribute"));

        assertThat(response.header(HEADER)).matches(UUID_V4);
        assertThat(response.body()).isEqualTo(response.header(HEADER));
    }

    @Test
    void nonStandardMethodsAreRecordedAsOther() {
        for (String method : List.of("FOO", "PROPFIND", "get")) {
            HttpResult response = Http.send(method, app.appUrl("/hello"), null, HEADER, AgentEvents.newRequestId());

            assertThat(events.awaitRequestProcessed(idOf(response))).as("method %s", method)
                    .containsEntry("method", "_OTHER").containsEntry("status", response.status());
        }
    }
}
