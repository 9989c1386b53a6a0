package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.obsagent.it.harness.AppJar;
import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.RawHttp;
import io.obsagent.it.harness.RawResponse;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * agent/SPEC.md §6: the application behaves the same with and without the agent. Each app runs twice, side by side, and
 * answers the same sequence of requests; status lines, header lines and body bytes must be equal, except the
 * request-ID header the agent adds, {@code Date}, and what differs between any two runs (the port, timestamps).
 * Endpoints that report the request ID on purpose (/mdc, /request-id-attribute) are left out.
 */
class ResponsesUnchangedByAgentIT {

    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?");

    private record Request(String method, String path, String contentType, String body) {

        static Request get(String path) {
            return new Request("GET", path, null, null);
        }

        static Request of(String method, String path) {
            return new Request(method, path, null, null);
        }

        static Request post(String path, String contentType, String body) {
            return new Request("POST", path, contentType, body);
        }

        byte[] bytes(int port) {
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (body != null || method.equals("POST")) {
                head.append("Content-Length: ").append(content.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            byte[] request = new byte[headBytes.length + content.length];
            System.arraycopy(headBytes, 0, request, 0, headBytes.length);
            System.arraycopy(content, 0, request, headBytes.length, content.length);
            return request;
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final List<Request> SERVLET_APP = List.of(
            Request.get("/hello"), Request.get("/items/42"), Request.get("/items"), Request.get("/x/anything.do"),
            Request.get("/fail"), Request.get("/send-error"), Request.get("/forward"), Request.get("/include"),
            Request.get("/async?delayMs=50"), Request.get("/async-timeout?timeoutMs=200"), Request.get("/frame"),
            Request.get("/secured/area"), Request.get("/no/such/path"), Request.post("/no/such/path", "text/plain", "x"),
            Request.get("/stream?failAfter=2"), Request.of("HEAD", "/hello"), Request.of("OPTIONS", "/hello"),
            Request.of("FOO", "/hello"), Request.of("DELETE", "/hello"));

    private static final List<Request> JERSEY_APP = List.of(
            Request.get("/hello"), Request.get("/api/users"), Request.get("/api/users/7"),
            Request.get("/api/orders/5/lines/3"), Request.get("/api/users/7/fail"), Request.get("/api/async?delayMs=50"),
            Request.get("/api/no-such-resource"), Request.get("/secured/area"), Request.get("/no/such/path"),
            Request.post("/api/users", "text/plain", "carol"), Request.of("OPTIONS", "/api/users"),
            Request.of("HEAD", "/api/users/7"), Request.of("PROPFIND", "/api/users"));

    private static final List<Request> SAMPLE_APP = List.of(
            Request.get("/api/v1/tasks"), Request.post("/api/v1/tasks", "application/json", "{\"title\":\"same\"}"),
            Request.get("/api/v1/tasks/1"), Request.get("/api/v1/tasks/1/export"),
            Request.get("/api/v1/tasks/1/export?format=csv"), Request.get("/api/v1/tasks/1/export?format=xml"),
            Request.get("/api/v1/tasks/999"), Request.get("/api/v1/tasks/abc"), Request.get("/no/such/path"),
            Request.get("/api/v1/tasks/summary?delayMs=50"), Request.get("/api/v1/tasks/1/watch?timeoutMs=200"),
            Request.post("/api/v1/tasks", "application/json", "{\"description\":\"no title\"}"),
            Request.of("FOO", "/api/v1/tasks"), Request.get("/api/v1/tasks/stream?failAfter=1"),
            Request.of("DELETE", "/api/v1/tasks/1"), Request.get("/api/v1/tasks/1"));

    static Stream<Arguments> apps() {
        return Stream.of(Arguments.of(Apps.jetty9(), SERVLET_APP), Arguments.of(Apps.tomcat9(), SERVLET_APP),
                Arguments.of(Apps.jersey(), JERSEY_APP), Arguments.of(Apps.sampleApp(), SAMPLE_APP));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void responsesAreTheSameWithAndWithoutTheAgent(AppJar jar, List<Request> requests) {
        try (AppProcess plain = AppProcess.builder(jar).start();
             AppProcess instrumented = AppProcess.builder(jar).withAgent().start()) {
            plain.awaitReady();
            instrumented.awaitReady();

            SoftAssertions softly = new SoftAssertions();
            for (Request request : requests) {
                RawResponse without = RawHttp.send(plain.appPort(), request.bytes(plain.appPort()));
                RawResponse with = RawHttp.send(instrumented.appPort(), request.bytes(instrumented.appPort()));
                softly.assertThat(with.headerValues("X-Request-ID")).as("request ID of %s", request).hasSize(1);
                softly.assertThat(comparable(with, instrumented.appPort())).as("response to %s", request)
                        .isEqualTo(comparable(without, plain.appPort()));
            }
            softly.assertAll();
        }
    }

    /**
     * Spring MVC lists the allowed methods of a 405 in an order that changes from one JVM run to the next (hash
     * order of its mappings, which depends on identity hash codes), with or without the agent.
     */
    private static String sortedValues(String commaSeparated) {
        return Stream.of(commaSeparated.split(",")).map(String::trim).sorted().collect(Collectors.joining(", "));
    }

    /** The response as text, without what legitimately differs between two runs or is the agent's to add. */
    private static String comparable(RawResponse response, int port) {
        String body = new String(response.body(), StandardCharsets.ISO_8859_1);
        String normalisedBody = TIMESTAMP.matcher(body.replace(String.valueOf(port), "{port}")).replaceAll("{timestamp}");
        boolean bodyNormalised = !normalisedBody.equals(body);
        List<String> lines = new ArrayList<>();
        lines.add(response.statusLine());
        for (String line : response.headerLines()) {
            String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
            if (name.equals("x-request-id") || name.equals("date") || (bodyNormalised && name.equals("content-length"))) {
                continue;
            }
            if (name.equals("allow")) {
                line = "Allow: " + sortedValues(line.substring(line.indexOf(':') + 1));
            }
            lines.add(line.replace(String.valueOf(port), "{port}"));
        }
        lines.add("");
        lines.add(normalisedBody);
        return String.join("\n", lines);
    }
}
