package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.obsagent.it.harness.AgentEvents;
import io.obsagent.it.harness.AppJar;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import org.junit.jupiter.api.Test;

/** Request instrumentation on Jersey 3.1 (JAX-RS, jakarta) under /api/* on Tomcat 10.1, with Log4j 2. */
class JerseyRequestInstrumentationIT extends AgentAttachedApp {

    @Override
    AppJar jar() {
        return Apps.jersey();
    }

    @Override
    String plainPath() {
        return "/hello";
    }

    @Override
    String plainEndpoint() {
        return "/hello";
    }

    @Test
    void endpointIsTheJaxRsPathTemplateUnderTheServletPrefix() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("/api/users", "/api/users");
        endpoints.put("/api/users/7", "/api/users/{id}");
        endpoints.put("/api/users/alice", "/api/users/{id}");
        endpoints.put("/api/orders/5/lines/3", "/api/orders/{orderId}/lines/{lineId}");
        endpoints.put("/api/orders/abc/lines/xyz", "/api/orders/{orderId}/lines/{lineId}");
        endpoints.put("/hello", "/hello");
        endpoints.put("/no/such/path", "NOT_FOUND");
        // agent/SPEC.md §2.2: a 404 under a mapping that names something keeps that mapping.
        endpoints.put("/api/no-such-resource", "/api/*");
        assertEndpoints(endpoints);
    }

    @Test
    void postToAResourceIsLabelledByItsTemplate() {
        HttpResult created = Http.send("POST", app.appUrl("/api/users"), "carol", "Content-Type", "text/plain",
                HEADER, AgentEvents.newRequestId());

        assertThat(created.status()).isEqualTo(201);
        assertThat(onlyRequestProcessed(created)).containsEntry("method", "POST").containsEntry("endpoint", "/api/users")
                .containsEntry("status", 201);
    }

    @Test
    void failingResourceIsLoggedOnceWithTheApplicationsExceptionClass() {
        HttpResult response = get("/api/users/7/fail");

        assertThat(response.status()).isEqualTo(500);
        assertThat(onlyRequestProcessed(response)).containsEntry("status", 500).containsEntry("endpoint", "/api/users/{id}/fail");
        Map<String, Object> exception = onlyUnhandledException(response);
        assertThat(exception).containsEntry("exception_type", "java.lang.IllegalStateException")
                .containsEntry("exception_message", "boom").containsEntry("path", "/api/users/7/fail");
        assertThat((String) exception.get("stack_trace")).startsWith("java.lang.IllegalStateException: boom")
                .contains("UsersResource.fail");
    }

    @Test
    void asyncResourceIsMeasuredUntilItIsResumed() {
        HttpResult response = get("/api/async?delayMs=300");

        assertThat(response.body()).isEqualTo("async done");
        Map<String, Object> processed = onlyRequestProcessed(response);
        assertThat(processed).containsEntry("status", 200).containsEntry("endpoint", "/api/async");
        assertThat(durationMs(processed)).isGreaterThanOrEqualTo(300);
    }

    @Test
    void filterAnsweringWithoutAServletIsOneRequest() {
        HttpResult response = get("/secured/area");

        assertThat(response.status()).isEqualTo(401);
        assertThat(onlyRequestProcessed(response)).containsEntry("status", 401);
    }

    @Test
    void log4jThreadContextCarriesTheRequestIdWhileTheRequestRuns() {
        HttpResult response = Http.get(app.appUrl("/api/mdc"));

        assertThat(response.header(HEADER)).matches(UUID_V4);
        assertThat(response.body()).isEqualTo(response.header(HEADER));
        app.awaitLine(line -> line.contains("request_id=" + response.header(HEADER) + " - mdc check"), Duration.ofSeconds(10));
        assertThat(Http.get(app.appUrl("/api/mdc"), HEADER, "from-the-caller-2").body()).isEqualTo("from-the-caller-2");
    }

    @Test
    void requestAttributeCarriesTheRequestId() {
        HttpResult response = Http.get(app.appUrl("/api/request-id-attribute"));

        assertThat(response.body()).isEqualTo(response.header(HEADER)).matches(UUID_V4);
    }
}
