package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.obsagent.it.harness.AgentEvents;
import io.obsagent.it.harness.AppJar;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.JsonLines;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Request instrumentation on the sample service: Spring Boot 3, Spring MVC, Tomcat 10.1, jakarta.servlet. */
@Tag("cross-jdk")
class SampleAppRequestInstrumentationIT extends AgentAttachedApp {

    private String task;

    @Override
    AppJar jar() {
        return Apps.sampleApp();
    }

    @Override
    String plainPath() {
        return "/api/v1/tasks";
    }

    @Override
    String plainEndpoint() {
        return "/api/v1/tasks";
    }

    @BeforeAll
    void createATask() {
        HttpResult created = Http.send("POST", app.appUrl("/api/v1/tasks"), "{\"title\":\"instrumented\"}",
                "Content-Type", "application/json", HEADER, AgentEvents.newRequestId());
        assertThat(created.status()).isEqualTo(201);
        task = "/api/v1/tasks/" + JsonLines.parseObject(created.body()).get("id");
        assertThat(events.awaitRequestProcessed(idOf(created))).containsEntry("method", "POST")
                .containsEntry("endpoint", "/api/v1/tasks").containsEntry("status", 201);
    }

    @Test
    void endpointIsSpringsRouteTemplate() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put(task, "/api/v1/tasks/{id}");
        endpoints.put("/api/v1/tasks/987654", "/api/v1/tasks/{id}");
        endpoints.put("/api/v1/tasks/not-a-number", "/api/v1/tasks/{id}");
        endpoints.put(task + "/export", "/api/v1/tasks/{id}/export");
        endpoints.put(task + "/export?format=csv", "/api/v1/tasks/{id}/export");
        endpoints.put("/api/v1/tasks/summary", "/api/v1/tasks/summary");
        endpoints.put("/no/such/path", "NOT_FOUND");
        endpoints.put("/api/v2/tasks/7", "NOT_FOUND");
        assertEndpoints(endpoints);
    }

    @Test
    void failingExportIsLoggedOnceWithTheApplicationsExceptionClass() {
        HttpResult response = get(task + "/export?format=xml");

        assertThat(response.status()).isEqualTo(500);
        assertThat(onlyRequestProcessed(response)).containsEntry("status", 500)
                .containsEntry("endpoint", "/api/v1/tasks/{id}/export").containsEntry("path", task + "/export");
        Map<String, Object> exception = onlyUnhandledException(response);
        assertThat(exception).containsEntry("exception_type", "java.lang.IllegalStateException")
                .containsEntry("exception_message", "Unsupported export format: xml")
                .containsEntry("method", "GET").containsEntry("path", task + "/export");
        assertThat((String) exception.get("stack_trace")).startsWith("java.lang.IllegalStateException: Unsupported export format")
                .contains("TaskService.export");
    }

    @Test
    void handledNotFoundIsNoException() {
        HttpResult response = get("/api/v1/tasks/987653");

        assertThat(response.status()).isEqualTo(404);
        assertThat(onlyRequestProcessed(response)).containsEntry("status", 404);
        assertThat(events.unhandledExceptions(idOf(response))).isEmpty();
    }

    @Test
    void asyncCallableIsMeasuredUntilItCompletes() {
        HttpResult response = get("/api/v1/tasks/summary?delayMs=300");

        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> processed = onlyRequestProcessed(response);
        assertThat(processed).containsEntry("status", 200).containsEntry("endpoint", "/api/v1/tasks/summary");
        assertThat(durationMs(processed)).isGreaterThanOrEqualTo(300);
    }

    @Test
    void deferredResultTimeoutEndsTheRequestOnceWithTheFinalStatus() {
        HttpResult response = get(task + "/watch?timeoutMs=200");

        assertThat(response.status()).isEqualTo(503);
        Map<String, Object> processed = onlyRequestProcessed(response);
        assertThat(processed).containsEntry("status", 503).containsEntry("endpoint", "/api/v1/tasks/{id}/watch");
        assertThat(durationMs(processed)).isGreaterThanOrEqualTo(200);
    }

    @Test
    void nonStandardMethodsAreRecordedAsOther() {
        for (String method : List.of("FOO", "PROPFIND")) {
            HttpResult response = Http.send(method, app.appUrl("/api/v1/tasks"), null, HEADER, AgentEvents.newRequestId());

            assertThat(response.status()).isEqualTo(405);
            assertThat(onlyRequestProcessed(response)).containsEntry("method", "_OTHER").containsEntry("status", 405)
                    .containsEntry("endpoint", "/api/v1/tasks");
        }
    }
}
