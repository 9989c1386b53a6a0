package io.obsagent.it;

import io.obsagent.it.harness.AppJar;
import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.JsonLines;
import io.obsagent.it.harness.RawHttp;
import io.obsagent.it.harness.RawResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code errors.json} (issue 9): the JSON error body carries the request ID and nothing about the exception. */
class ErrorsJsonIT {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(15);

    @Test
    void sampleUnhandledExceptionIsAnsweredWithTheJsonBody() {
        try (AppProcess app = AppProcess.builder(Apps.sampleApp()).withAgent("errors.json=true").start()) {
            app.awaitReady();
            HttpResult created = Http.postJson(app.appUrl("/api/v1/tasks"), "{\"title\":\"export me\"}");
            String id = String.valueOf(JsonLines.parseObject(created.body()).get("id"));

            HttpResult failed = Http.get(app.appUrl("/api/v1/tasks/" + id + "/export?format=xml"));
            assertJsonErrorAnswer(app, failed);
        }
    }

    @Test
    void legacyServletExceptionIsAnsweredWithTheJsonBody() {
        try (AppProcess app = AppProcess.builder(Apps.tomcat9()).withAgent("errors.json=true").start()) {
            app.awaitHttpOk("/hello", AppProcess.STARTUP_TIMEOUT);
            assertJsonErrorAnswer(app, Http.get(app.appUrl("/fail")));
        }
    }

    @Test
    void aCommittedResponseIsLeftAsItIsButTheExceptionIsStillLogged() {
        try (AppProcess app = AppProcess.builder(Apps.tomcat9()).withAgent("errors.json=true").start()) {
            app.awaitHttpOk("/hello", AppProcess.STARTUP_TIMEOUT);
            RawResponse streamed = RawHttp.get(app.appPort(), "/stream?failAfter=2");
            assertThat(streamed.status()).isEqualTo(200);
            assertThat(streamed.bodyText()).doesNotContain("internal_server_error");
            app.awaitLine(JsonLines.event("unhandled_exception"), EVENT_TIMEOUT);
            Map<String, Object> logged = JsonLines.of(app.stdoutLines()).singleEvent("unhandled_exception");
            assertThat(logged).containsEntry("path", "/stream").containsEntry("exception_type", "java.lang.IllegalStateException");
        }
    }

    @Test
    void optionOffLeavesTheResponseExactlyAsWithoutTheAgent() {
        assertSameAnswerWithAndWithoutAgent(Apps.tomcat9(), "/fail");
        assertSameAnswerWithAndWithoutAgent(Apps.tomcat9(), "/send-error");
    }

    private static void assertJsonErrorAnswer(AppProcess app, HttpResult failed) {
        String requestId = failed.header("X-Request-ID");
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.header("Content-Type")).startsWith("application/json");
        assertThat(failed.body()).isEqualTo("{\"error\":\"internal_server_error\",\"message\":\"An unexpected error occurred\","
                + "\"request_id\":\"" + requestId + "\"}");
        app.awaitLine(line -> line.contains("\"unhandled_exception\"") && line.contains(requestId), EVENT_TIMEOUT);
        Map<String, Object> logged = JsonLines.of(app.stdoutLines()).singleEvent("unhandled_exception");
        assertThat(logged).containsEntry("request_id", requestId);
    }

    private static void assertSameAnswerWithAndWithoutAgent(AppJar jar, String path) {
        HttpResult without;
        try (AppProcess app = AppProcess.builder(jar).start()) {
            app.awaitHttpOk("/hello", AppProcess.STARTUP_TIMEOUT);
            without = Http.get(app.appUrl(path));
        }
        HttpResult with;
        try (AppProcess app = AppProcess.builder(jar).withAgent().start()) {
            app.awaitHttpOk("/hello", AppProcess.STARTUP_TIMEOUT);
            with = Http.get(app.appUrl(path));
        }
        assertThat(with.status()).isEqualTo(without.status());
        assertThat(with.body()).isEqualTo(without.body());
        assertThat(comparableHeaders(with)).isEqualTo(comparableHeaders(without));
        assertThat(with.header("X-Request-ID")).isNotBlank();
    }

    private static Map<String, Object> comparableHeaders(HttpResult result) {
        Map<String, Object> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(result.headers());
        headers.remove("X-Request-ID");
        headers.remove("Date");
        return headers;
    }
}
