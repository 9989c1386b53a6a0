package io.obsagent.it.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.obsagent.it.harness.AgentEvents;
import io.obsagent.it.harness.AppJar;
import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.JsonLines;
import io.obsagent.it.harness.KeepAliveConnection;
import io.obsagent.it.harness.PrometheusText;
import io.obsagent.it.harness.RawHttp;
import io.obsagent.it.harness.RawResponse;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * agent/SPEC.md §6 "hostile input is harmless", against the sample app (Spring Boot on Tomcat 10.1) and a legacy app
 * (Jetty 9.4): oversized, CR/LF-, NUL- and non-ASCII-bearing request IDs, log-injection text, a header sent 20
 * times, methods no server knows, paths of percent-encoded junk. Whatever the container lets through, nothing
 * hostile comes back in a response header, no forged line appears among the agent's JSON lines, the metrics
 * exposition stays well-formed and its method labels standard.
 */
@Tag("hardening")
class HostileRequestsIT {

    static final String HEADER = "X-Request-ID";
    static final Pattern UUID_V4 = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    /** The text a log-injection attempt tries to make into a line of its own. */
    static final String FORGED = "\"}\n{\"event\":\"forged\",\"level\":\"info\"}";
    static final Set<String> METHOD_LABELS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "TRACE", "CONNECT", "_OTHER");
    /** The events the agent writes while serving requests; anything else on its stdout would be forged or a fault. */
    static final Set<String> EXPECTED_EVENTS = Set.of("agent_started", "request_processed", "unhandled_exception");

    static List<Arguments> apps() {
        return List.of(Arguments.of(Apps.sampleApp(), "/api/v1/tasks", "/api/v1/tasks/"),
                Arguments.of(Apps.jetty9(), "/hello", "/secured/"));
    }

    /**
     * @param plainPath   a GET that answers 200
     * @param echoingRoot a path prefix under which the app answers (not 404) whatever follows, so that a
     *                    hostile suffix reaches the route normaliser instead of becoming NOT_FOUND
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void hostileHeadersMethodsAndPathsAreNeitherEchoedNorForged(AppJar jar, String plainPath, String echoingRoot) {
        try (AppProcess app = AppProcess.builder(jar).withAgent().start()) {
            app.awaitReady();
            List<Exchange> exchanges = new ArrayList<>();

            hostileRequestIds(app, plainPath, exchanges);
            hostileMethods(app, plainPath, exchanges);
            hostilePaths(app, echoingRoot, exchanges);

            SoftAssertions softly = new SoftAssertions();
            int dispatched = 0;
            for (Exchange exchange : exchanges) {
                assertNothingHostileEchoed(softly, exchange);
                if (!exchange.response.headerValues(HEADER).isEmpty()) {
                    dispatched++;
                }
            }
            softly.assertAll();
            System.out.printf("%s: %d hostile requests, %d dispatched to the app (the rest refused by the container)%n",
                    jar.name(), exchanges.size(), dispatched);
            assertThat(dispatched).as("hostile requests that reached the app").isGreaterThan(exchanges.size() / 2);

            AgentEvents.of(app, plainPath).settle();
            assertAgentLinesUnforged(app.stdoutLines());
            PrometheusText metrics = PrometheusText.parse(Http.get(app.sideUrl("/metrics")).body());
            assertThat(labelValues(metrics, "method")).isSubsetOf(METHOD_LABELS).contains("_OTHER");
            assertThat(metrics.samples()).as("no forged sample").noneMatch(s -> s.name().contains("forged"));
            assertThat(app.isAlive()).isTrue();
        }
    }

    /** Request IDs: too long, CR/LF, NUL, non-ASCII bytes, log injection, and 20 headers of that name. */
    private static void hostileRequestIds(AppProcess app, String path, List<Exchange> exchanges) {
        Map<String, byte[]> values = new LinkedHashMap<>();
        values.put("10 000 bytes", "i".repeat(10_000).getBytes(StandardCharsets.US_ASCII));
        values.put("4 000 bytes", "j".repeat(4_000).getBytes(StandardCharsets.US_ASCII));
        values.put("129 bytes", "k".repeat(129).getBytes(StandardCharsets.US_ASCII));
        values.put("quote and brace injection", bytes("x\"},{\"event\":\"forged\"}"));
        values.put("LF injection", bytes("x" + FORGED));
        values.put("CRLF injection", bytes("x" + FORGED.replace("\n", "\r\n")));
        values.put("bare CR", bytes("abc\rX-Forged: 1"));
        values.put("CRLF header injection", bytes("abc\r\nX-Forged: 1"));
        values.put("obs-fold", bytes("abc\r\n X-Forged: 1"));
        values.put("percent-encoded CRLF", bytes("abc%0d%0aX-Forged:%201"));
        values.put("NUL", bytes("abc\0def"));
        values.put("DEL and ESC", bytes("abc\u007f\u001b[31mred"));
        values.put("UTF-8", "ärger-✓-\u2028-forged".getBytes(StandardCharsets.UTF_8));
        values.put("Latin-1 and 0xFF", new byte[] {'a', (byte) 0xE9, (byte) 0xFF, (byte) 0xFE, 'z'});
        values.put("overlong UTF-8 slash", new byte[] {'a', (byte) 0xC0, (byte) 0xAF, 'z'});
        values.forEach((name, value) -> exchanges.add(new Exchange("X-Request-ID " + name,
                RawHttp.send(app.appPort(), rawRequest(app, "GET", path, header(HEADER, value))), value)));

        List<byte[]> twenty = IntStream.range(0, 20).mapToObj(i -> header(HEADER, bytes("dup-" + i))).toList();
        RawResponse duplicates = RawHttp.send(app.appPort(), rawRequest(app, "GET", path, twenty.toArray(byte[][]::new)));
        exchanges.add(new Exchange("20 valid X-Request-ID headers", duplicates, null));
        assertThat(duplicates.headerValues(HEADER)).as("one ID for 20 valid headers").hasSize(1);
        assertThat(duplicates.header(HEADER)).as("the first of 20 valid headers, or a new one")
                .matches(id -> id.equals("dup-0") || UUID_V4.matcher(id).matches());

        List<byte[]> hostileFirst = new ArrayList<>();
        hostileFirst.add(header(HEADER, bytes("x\"},{\"event\":\"forged\"}")));
        IntStream.range(1, 20).forEach(i -> hostileFirst.add(header(HEADER, bytes("dup-" + i))));
        RawResponse mixed = RawHttp.send(app.appPort(), rawRequest(app, "GET", path, hostileFirst.toArray(byte[][]::new)));
        exchanges.add(new Exchange("20 X-Request-ID headers, the first hostile", mixed, bytes("x\"},{\"event\":\"forged\"}")));
        assertThat(mixed.headerValues(HEADER)).as("one ID for 20 headers").hasSize(1);

        HttpResult viaClient = Http.get(app.appUrl(path), HEADER, "x\"},{\"event\":\"forged\"}");
        assertThat(viaClient.headerValues(HEADER)).hasSize(1);
        assertThat(viaClient.header(HEADER)).matches(UUID_V4);
    }

    /** Methods: very long tokens, lowercase, WebDAV, random tokens. */
    private static void hostileMethods(AppProcess app, String path, List<Exchange> exchanges) {
        Random random = new Random(7);
        List<String> methods = new ArrayList<>(List.of("M".repeat(5_000), "get", "post", "PROPFIND", "MKCOL", "BREW",
                "M-SEARCH", "X_FORGED", "Forged"));
        for (int i = 0; i < 20; i++) {
            methods.add(randomToken(random, 1 + random.nextInt(40)));
        }
        try (KeepAliveConnection connection = new KeepAliveConnection(app.appPort(), java.time.Duration.ofSeconds(30))) {
            for (String method : methods) {
                try {
                    RawResponse response = connection.send(method, path, null);
                    exchanges.add(new Exchange("method " + abbreviate(method), response, bytes(method)));
                } catch (java.io.UncheckedIOException closedWithoutAnswer) {
                    System.out.printf("method %s: no answer (%s)%n", abbreviate(method), closedWithoutAnswer.getCause());
                }
            }
        }
    }

    /** Paths with percent-encoded junk and raw bytes no client library sends. */
    private static void hostilePaths(AppProcess app, String root, List<Exchange> exchanges) {
        List<String> encoded = List.of("%00", "a%00b", "%0d%0a", "x%0d%0aX-Forged:%201", "%0a%7B%22event%22:%22forged%22%7D",
                "%ff%fe", "%c0%af", "%e0%80%af", "%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd", "..%252f..%252fetc",
                "%25", "%", "%zz", "%u0000", "%22%7D%2C%7B%22event%22%3A%22forged%22%7D", "a;jsessionid=%0d%0a",
                "%ed%a0%80", "%f8%88%80%80%80");
        for (String junk : encoded) {
            exchanges.add(new Exchange("path " + root + junk, RawHttp.send(app.appPort(), rawRequest(app, "GET", root + junk)),
                    bytes(junk)));
        }
        Map<String, byte[]> raw = new LinkedHashMap<>();
        raw.put("raw quote and brace", bytes("\"},{\"event\":\"forged\"}"));
        raw.put("raw UTF-8", "ärger/✓".getBytes(StandardCharsets.UTF_8));
        raw.put("raw 0xFF 0xFE", new byte[] {'a', (byte) 0xFF, (byte) 0xFE});
        raw.put("raw overlong UTF-8", new byte[] {'a', (byte) 0xC0, (byte) 0xAF});
        raw.put("raw backslash and quote", bytes("a\\\"} forged_total 1"));
        raw.forEach((name, junk) -> {
            ByteArrayOutputStream target = new ByteArrayOutputStream();
            target.writeBytes(bytes(root));
            target.writeBytes(junk);
            exchanges.add(new Exchange("path, " + name, RawHttp.send(app.appPort(),
                    rawRequest(app, bytes("GET "), target.toByteArray())), junk));
        });
    }

    /** No response header line carries a hostile value, a forged header, control or non-ASCII bytes; IDs are valid. */
    static void assertNothingHostileEchoed(SoftAssertions softly, Exchange exchange) {
        RawResponse response = exchange.response;
        String head = String.join("\r\n", response.headerLines());
        softly.assertThat(head.toLowerCase(Locale.ROOT)).as("response headers of %s", exchange.name)
                .doesNotContain("forged", "ärger");
        softly.assertThat(head.chars().filter(c -> c >= 0x7f || (c < 0x20 && c != '\r' && c != '\n' && c != '\t')).count())
                .as("control or non-ASCII bytes in the response headers of %s:%n%s", exchange.name, head).isZero();
        if (exchange.hostile != null && exchange.hostile.length >= 8) {
            softly.assertThat(head).as("echo in the response headers of %s", exchange.name)
                    .doesNotContain(new String(exchange.hostile, StandardCharsets.ISO_8859_1));
        }
        List<String> ids = response.headerValues(HEADER);
        softly.assertThat(ids).as("request IDs of %s", exchange.name).hasSizeLessThanOrEqualTo(1);
        ids.forEach(id -> softly.assertThat(id).as("request ID of %s", exchange.name).matches(VALID_ID));
    }

    /**
     * Every line of the agent's (logger {@code obs.*}) is a JSON object with an expected event, and no line at all
     * is a forged object of its own: log injection never produced a line.
     */
    static void assertAgentLinesUnforged(List<String> stdout) {
        assertAgentLinesUnforged(stdout, Set.of());
    }

    /** As {@link #assertAgentLinesUnforged(List)}, also allowing {@code agent_error} events of these {@code where}s. */
    static void assertAgentLinesUnforged(List<String> stdout, Set<String> expectedFaults) {
        JsonLines json = JsonLines.of(stdout);
        List<String> malformedAgentLines = json.malformed().stream().filter(line -> line.contains("\"obs.")).toList();
        assertThat(malformedAgentLines).as("agent lines that do not parse").isEmpty();
        List<Map<String, Object>> agentLines = json.objects().stream()
                .filter(object -> String.valueOf(object.get("logger")).startsWith("obs.")).toList();
        Set<String> agentEvents = agentLines.stream().map(object -> String.valueOf(object.get("event")))
                .collect(Collectors.toSet());
        Set<String> expected = new java.util.HashSet<>(EXPECTED_EVENTS);
        if (!expectedFaults.isEmpty()) {
            expected.add("agent_error");
        }
        assertThat(agentEvents).as("agent events").isSubsetOf(expected).contains("request_processed");
        assertThat(agentLines.stream().filter(object -> "agent_error".equals(object.get("event"))))
                .as("agent faults").allMatch(object -> expectedFaults.contains(String.valueOf(object.get("where"))));
        assertThat(json.objects()).as("JSON lines").noneMatch(object -> "forged".equals(object.get("event")));
        assertThat(stdout).as("stdout lines").noneMatch(line -> line.trim().startsWith("{\"event\":\"forged\""));
    }

    static Set<String> labelValues(PrometheusText metrics, String label) {
        return metrics.samples("http_requests_total", Map.of()).stream().map(s -> s.labels().get(label))
                .collect(Collectors.toSet());
    }

    private static byte[] rawRequest(AppProcess app, String method, String target, byte[]... headerLines) {
        return rawRequest(app, bytes(method + " "), bytes(target), headerLines);
    }

    /** {@code <method-and-space><target> HTTP/1.1}, Host, the given header lines, Connection: close. */
    private static byte[] rawRequest(AppProcess app, byte[] methodAndSpace, byte[] target, byte[]... headerLines) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(methodAndSpace);
        request.writeBytes(target);
        request.writeBytes(bytes(" HTTP/1.1\r\nHost: 127.0.0.1:" + app.appPort() + "\r\n"));
        for (byte[] line : headerLines) {
            request.writeBytes(line);
            request.writeBytes(bytes("\r\n"));
        }
        request.writeBytes(bytes("Connection: close\r\n\r\n"));
        return request.toByteArray();
    }

    private static byte[] header(String name, byte[] value) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes(bytes(name + ": "));
        line.writeBytes(value);
        return line.toByteArray();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String randomToken(Random random, int length) {
        String tchar = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-.^_`|~";
        StringBuilder token = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            token.append(tchar.charAt(random.nextInt(tchar.length())));
        }
        return token.toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 20) + "...(" + text.length() + " chars)";
    }

    /** One hostile request: what it was, what came back, and the hostile bytes that must not come back. */
    record Exchange(String name, RawResponse response, byte[] hostile) {
    }
}
