package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.obsagent.it.harness.AppJar;
import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.AppProcessBuilder;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.Jdks;
import io.obsagent.it.harness.JsonLines;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent on containers and frameworks our other tests do not run (agent/SPEC.md §7): Undertow 2.3, Jetty 12 (ee10), Tomcat 11,
 * Spring Boot 2.7 (javax, Java 8 bytecode), 3.5 on Undertow, 4.0 on Tomcat 11 and on Jetty 12 (ee11), and Jersey 3.1
 * on Tomcat 10.1, each on the JDK running the tests and, when it is installed, on JDK 25. Every request gets an ID and exactly one access event labelled with its route
 * template; an escaping exception is captured once; async requests are timed to their end; the application finds
 * the request ID in its logging context; and the apps answer the same with and without the agent.
 *
 * <p>Each app is started once per JDK with the agent and shared by the tests (closed in {@link #stopApps()}):
 * the tests tell their requests apart by request ID.
 */
class CompatibilityIT {

    private static final Pattern UUID_V4 =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(30);
    private static final long ASYNC_DELAY_MS = 300;
    private static final String JSON = "application/json";

    /** One request, what the app answers, and the {@code endpoint} label the agent must give it. */
    private record Call(String method, String path, String json, int status, String endpoint) {

        static Call get(String path, int status, String endpoint) {
            return new Call("GET", path, null, status, endpoint);
        }

        static Call post(String path, String json, int status, String endpoint) {
            return new Call("POST", path, json, status, endpoint);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** A request whose answer must not change with the agent; the body is compared only when it is deterministic. */
    private record Compared(Call call, boolean body) {
    }

    /**
     * What one app serves: routes, requests that fail with IllegalStateException("boom"), async requests, the answers
     * to compare, and the path that answers the request ID seen in the app's logging context (null: it has none).
     */
    private record Profile(AppJar jar, List<Call> routes, List<Call> failing, List<Call> async, List<Compared> compared,
                           String loggingContextPath) {
    }

    /** One app on one JDK ({@code javaHome} null: the JDK running the tests). */
    private record Target(Profile profile, String jdk, Path javaHome) {

        @Override
        public String toString() {
            return profile.jar().name() + " on JDK " + jdk;
        }
    }

    private static final Map<Target, AppProcess> RUNNING = new ConcurrentHashMap<>();

    @AfterAll
    static void stopApps() {
        RUNNING.values().forEach(AppProcess::close);
        RUNNING.clear();
    }

    static Stream<Target> targets() {
        List<Target> targets = new ArrayList<>();
        Path java25 = Jdks.java25Home();
        for (Profile profile : profiles()) {
            targets.add(new Target(profile, defaultJdk(), null));
            if (java25 != null) {
                targets.add(new Target(profile, "25", java25));
            }
        }
        return targets.stream();
    }

    static Stream<Target> targetsWithLoggingContext() {
        return targets().filter(target -> target.profile().loggingContextPath() != null);
    }

    static Stream<Target> targetsOnDefaultJdk() {
        return targets().filter(target -> target.javaHome() == null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void everyRequestGetsAV4IdAndExactlyOneAccessEventLabelledWithItsRoute(Target target) {
        AppProcess app = running(target);
        Map<Call, String> ids = new LinkedHashMap<>();
        SoftAssertions softly = new SoftAssertions();
        for (Call call : target.profile().routes()) {
            HttpResult answer = send(app, call);
            softly.assertThat(answer.status()).as("status of %s", call).isEqualTo(call.status());
            String id = answer.header("X-Request-ID");
            softly.assertThat(id).as("X-Request-ID of %s", call).matches(UUID_V4);
            ids.put(call, id);
        }
        JsonLines events = eventsOf(app, target, ids.values());
        ids.forEach((call, id) -> {
            List<Map<String, Object>> processed = eventsFor(events, "request_processed", id);
            softly.assertThat(processed).as("request_processed events of %s", call).hasSize(1);
            if (processed.size() == 1) {
                softly.assertThat(processed.get(0)).as("request_processed of %s", call)
                        .containsEntry("method", call.method())
                        .containsEntry("path", call.path().replaceFirst("\\?.*", ""))
                        .containsEntry("endpoint", call.endpoint())
                        .containsEntry("status", call.status());
            }
            softly.assertThat(eventsFor(events, "unhandled_exception", id)).as("unhandled_exception of %s", call).isEmpty();
        });
        softly.assertAll();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aValidIncomingRequestIdIsKept(Target target) {
        AppProcess app = running(target);
        Call call = target.profile().routes().get(0);
        String incoming = "compat-" + target.jdk() + ":" + call.path().length() + "@it.example";

        HttpResult answer = Http.send(call.method(), app.appUrl(call.path()), call.json(), headers(call, "X-Request-ID", incoming));

        assertThat(answer.header("X-Request-ID")).isEqualTo(incoming);
        assertThat(eventsFor(eventsOf(app, target, List.of(incoming)), "request_processed", incoming)).singleElement()
                .satisfies(event -> assertThat(event).containsEntry("endpoint", call.endpoint()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void anEscapingExceptionIsCapturedOnceWithTheRequestsId(Target target) {
        AppProcess app = running(target);
        Map<Call, String> ids = new LinkedHashMap<>();
        for (Call failing : target.profile().failing()) {
            HttpResult answer = send(app, failing);
            assertThat(answer.status()).as("status of %s", failing).isEqualTo(500);
            String id = answer.header("X-Request-ID");
            assertThat(id).as("X-Request-ID on the error page of %s", failing).matches(UUID_V4);
            ids.put(failing, id);
        }
        JsonLines events = eventsOf(app, target, ids.values());
        ids.forEach((failing, id) -> {
            assertThat(eventsFor(events, "request_processed", id)).as("request_processed of %s", failing)
                    .singleElement().satisfies(event -> assertThat(event)
                            .containsEntry("status", 500)
                            .containsEntry("endpoint", failing.endpoint())
                            .containsEntry("path", failing.path()));
            assertThat(eventsFor(events, "unhandled_exception", id)).as("unhandled_exception of %s", failing)
                    .singleElement().satisfies(event -> assertThat(event)
                            .containsEntry("exception_type", "java.lang.IllegalStateException")
                            .containsEntry("exception_message", "boom")
                            .containsEntry("method", "GET")
                            .containsEntry("path", failing.path()));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void anAsyncRequestIsMeasuredOnceUntilItCompletes(Target target) {
        AppProcess app = running(target);
        Map<Call, String> ids = new LinkedHashMap<>();
        for (Call call : target.profile().async()) {
            HttpResult answer = send(app, call);
            assertThat(answer.status()).as("status of %s", call).isEqualTo(call.status());
            ids.put(call, answer.header("X-Request-ID"));
        }
        JsonLines events = eventsOf(app, target, ids.values());
        ids.forEach((call, id) -> assertThat(eventsFor(events, "request_processed", id)).as("events of %s", call)
                .singleElement().satisfies(event -> {
                    assertThat(event).containsEntry("endpoint", call.endpoint()).containsEntry("status", call.status());
                    assertThat(((Number) event.get("duration_ms")).doubleValue()).isGreaterThanOrEqualTo(ASYNC_DELAY_MS);
                }));
    }

    /** SLF4J 2 + Logback 1.5 on Undertow, Log4j 2 on Jetty 12, and each Spring Boot's own Logback. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targetsWithLoggingContext")
    void theApplicationFindsTheRequestIdInItsLoggingContext(Target target) {
        HttpResult answer = Http.get(running(target).appUrl(target.profile().loggingContextPath()));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(answer.header("X-Request-ID")).matches(UUID_V4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targetsOnDefaultJdk")
    void answersAreTheSameWithAndWithoutTheAgent(Target target) {
        AppProcess withAgent = running(target);
        List<String> without = new ArrayList<>();
        try (AppProcess app = builder(target).start()) {
            app.awaitReady();
            for (Compared compared : target.profile().compared()) {
                without.add(comparable(app, send(app, compared.call()), compared));
            }
        }
        List<String> with = new ArrayList<>();
        for (Compared compared : target.profile().compared()) {
            with.add(comparable(withAgent, send(withAgent, compared.call()), compared));
        }
        assertThat(with).containsExactlyElementsOf(without);
    }

    /**
     * With no default servlet mapped, each container answers an unmapped path itself: Jetty and Undertow through
     * default servlets of their own, Tomcat from its context valve without dispatching to any filter or servlet.
     * The request is measured all the same.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.obsagent.it.harness.Apps#servletApps")
    void aPathNoServletIsMappedToIsAnsweredByTheContainerAndStillMeasured(AppJar jar) {
        try (AppProcess app = AppProcess.builder(jar).withAgent().env("TESTAPP_NOT_FOUND", "container").start()) {
            app.awaitReady();
            Map<String, Integer> statuses = new LinkedHashMap<>();
            for (String method : List.of("GET", "POST")) {
                HttpResult answer = Http.send(method, app.appUrl("/no/such/path"), null);
                // The default servlets of Jetty and Undertow answer a POST with 405.
                assertThat(answer.status()).as("status of %s", method).isIn(404, 405);
                assertThat(answer.header("X-Request-ID")).as("X-Request-ID of %s", method).matches(UUID_V4);
                statuses.put(answer.header("X-Request-ID"), answer.status());
            }
            JsonLines events = eventsOf(app, jar.readyPath(), statuses.keySet());
            statuses.forEach((id, status) -> assertThat(eventsFor(events, "request_processed", id)).singleElement()
                    .satisfies(event -> assertThat(event).containsEntry("status", status).containsEntry("path", "/no/such/path")
                            .containsEntry("endpoint", status == 404 ? "NOT_FOUND" : "/no/such/path")));
        }
    }

    /**
     * Undertow's other error page: for a client on another host (here: stack traces switched off) it writes a plain
     * page instead of its debug page, again after clearing the headers.
     */
    @Test
    void undertowsPlainErrorPageCarriesTheRequestIdToo() {
        try (AppProcess app = AppProcess.builder(Apps.undertow()).withAgent().env("UNDERTOW_STACK_TRACES", "none").start()) {
            app.awaitReady();

            HttpResult answer = Http.get(app.appUrl("/fail"));

            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.body()).isEqualTo("<html><head><title>Error</title></head><body>Internal Server Error</body></html>");
            String id = answer.header("X-Request-ID");
            assertThat(id).matches(UUID_V4);
            assertThat(eventsFor(eventsOf(app, Apps.undertow().readyPath(), List.of(id)), "unhandled_exception", id)).hasSize(1);
        }
    }

    private static List<Profile> profiles() {
        return List.of(servletProfile(Apps.undertow(), "/mdc"), servletProfile(Apps.jetty12(), "/mdc"),
                // Tomcat 11's app logs through JUL only, which has no logging context.
                servletProfile(Apps.tomcat11(), null),
                springProfile(Apps.boot2()), springProfile(Apps.boot3Undertow()), springProfile(Apps.boot4()),
                springProfile(Apps.boot4Jetty()), jerseyProfile());
    }

    /** Jersey 3.1 on Tomcat 10.1 under /api/*, beside a plain servlet; one resource is declared on an interface. */
    private static Profile jerseyProfile() {
        List<Call> routes = List.of(
                Call.get("/api/users/7", 200, "/api/users/{id}"),
                Call.get("/api/users", 200, "/api/users"),
                Call.get("/api/orders/5/lines/3", 200, "/api/orders/{orderId}/lines/{lineId}"),
                Call.get("/api/products/abc-1", 200, "/api/products/{sku}"),
                Call.get("/hello", 200, "/hello"),
                Call.get("/no/such/path", 404, "NOT_FOUND"),
                // Jersey's own 404 under the servlet mapping, which names the route.
                Call.get("/api/no-such-resource", 404, "/api/*"));
        Call failing = Call.get("/api/users/7/fail", 500, "/api/users/{id}/fail");
        List<Call> async = List.of(Call.get("/api/async?delayMs=" + ASYNC_DELAY_MS, 200, "/api/async"));
        List<Compared> compared = new ArrayList<>();
        routes.forEach(call -> compared.add(new Compared(call, true)));
        compared.add(new Compared(Call.get("/api/async?delayMs=20", 200, "/api/async"), true));
        compared.add(new Compared(failing, false));
        return new Profile(Apps.jersey(), routes, List.of(failing), async, compared, "/api/mdc");
    }

    /** The shared servlet endpoints (javax-endpoints, generated jakarta-endpoints) behind a filter mapped to /*. */
    private static Profile servletProfile(AppJar jar, String loggingContextPath) {
        List<Call> routes = List.of(
                Call.get("/hello", 200, "/hello"),
                Call.get("/items/42", 200, "/items/*"),
                Call.get("/x/anything.do", 200, "*.do"),
                Call.get("/no/such/path", 404, "NOT_FOUND"),
                Call.post("/no/such/path", null, 404, "NOT_FOUND"),
                // Answered by the filter itself; the servlet it would have reached is the default one ("/").
                Call.get("/secured/area", 401, "/secured/area"),
                Call.get("/forward", 200, "/forward"),
                Call.get("/include", 200, "/include"),
                Call.get("/send-error", 503, "/send-error"),
                Call.get("/async-timeout?timeoutMs=200", 500, "/async-timeout"));
        Call failing = Call.get("/fail", 500, "/fail");
        List<Call> async = List.of(Call.get("/async?delayMs=" + ASYNC_DELAY_MS, 200, "/async"));
        List<Compared> compared = new ArrayList<>();
        routes.forEach(call -> compared.add(new Compared(call, true)));
        compared.add(new Compared(Call.get("/async?delayMs=20", 200, "/async"), true));
        // Container error pages for an exception may show a stack trace, with thread names and line numbers.
        compared.add(new Compared(failing, false));
        return new Profile(jar, routes, List.of(failing), async, compared, loggingContextPath);
    }

    /** The spring-orders controller, packaged with each Boot version's own Spring MVC, container and Jackson. */
    private static Profile springProfile(AppJar jar) {
        List<Call> routes = List.of(
                Call.get("/orders/7", 200, "/orders/{id}"),
                Call.post("/orders", "{\"item\":\"pen\"}", 201, "/orders"),
                Call.get("/orders/abc", 400, "/orders/{id}"),
                Call.get("/no/such/path", 404, "NOT_FOUND"));
        Call failing = Call.get("/orders/7/fail", 500, "/orders/{id}/fail");
        Call failingAsync = Call.get("/orders/7/callable-fail", 500, "/orders/{id}/callable-fail");
        List<Call> async = List.of(
                Call.get("/orders/7/deferred?delayMs=" + ASYNC_DELAY_MS, 200, "/orders/{id}/deferred"),
                Call.get("/orders/7/callable?delayMs=" + ASYNC_DELAY_MS, 200, "/orders/{id}/callable"));
        List<Compared> compared = List.of(
                new Compared(routes.get(0), true),
                // The created order's ID counts the orders created before.
                new Compared(routes.get(1), false),
                new Compared(routes.get(2), true),
                new Compared(routes.get(3), true),
                new Compared(failing, true),
                new Compared(failingAsync, true),
                new Compared(Call.get("/orders/7/deferred?delayMs=20", 200, "/orders/{id}/deferred"), true),
                new Compared(Call.get("/orders/7/callable?delayMs=20", 200, "/orders/{id}/callable"), true));
        return new Profile(jar, routes, List.of(failing, failingAsync), async, compared, "/orders/7/mdc");
    }

    /** The target's app with the agent, started on first use and shared by the tests. */
    private static synchronized AppProcess running(Target target) {
        AppProcess running = RUNNING.get(target);
        if (running != null) {
            return running;
        }
        AppProcess app = builder(target).withAgent().start();
        try {
            app.awaitReady();
        } catch (AssertionError | RuntimeException e) {
            app.close();
            throw e;
        }
        RUNNING.put(target, app);
        return app;
    }

    private static AppProcessBuilder builder(Target target) {
        AppProcessBuilder builder = AppProcess.builder(target.profile().jar());
        if (target.javaHome() != null) {
            builder.javaHome(target.javaHome());
        }
        return builder;
    }

    private static HttpResult send(AppProcess app, Call call) {
        return Http.send(call.method(), app.appUrl(call.path()), call.json(), headers(call));
    }

    private static String[] headers(Call call, String... more) {
        List<String> headers = new ArrayList<>(List.of(more));
        if (call.json() != null) {
            headers.add("Content-Type");
            headers.add(JSON);
        }
        return headers.toArray(String[]::new);
    }

    /**
     * All events so far, once the access events of these requests are written (a container may complete an async
     * request only after its answer went out) and then those of every other request sent before: the agent writes
     * events in order, so after the event of one more request (the app's ready path) the earlier ones are there too.
     */
    private static JsonLines eventsOf(AppProcess app, Target target, Collection<String> requestIds) {
        return eventsOf(app, target.profile().jar().readyPath(), requestIds);
    }

    private static JsonLines eventsOf(AppProcess app, String barrierPath, Collection<String> requestIds) {
        for (String id : requestIds) {
            app.awaitLine(line -> line.contains("\"request_processed\"") && line.contains(id), EVENT_TIMEOUT);
        }
        String barrier = Http.get(app.appUrl(barrierPath)).header("X-Request-ID");
        app.awaitLine(line -> line.contains("\"request_processed\"") && line.contains(barrier), EVENT_TIMEOUT);
        return JsonLines.of(app.stdoutLines());
    }

    private static List<Map<String, Object>> eventsFor(JsonLines events, String event, String requestId) {
        return events.events(event).stream().filter(e -> requestId.equals(e.get("request_id"))).toList();
    }

    /**
     * Status, Content-Type, the names of the headers but the agent's and Date, and (when deterministic) the body,
     * with what differs from one process to the next masked: timestamps, and the port in a page that shows the URL.
     */
    private static String comparable(AppProcess app, HttpResult answer, Compared compared) {
        Set<String> headerNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        headerNames.addAll(answer.headers().keySet());
        for (String varying : List.of("X-Request-ID", "Date", ":status")) {
            headerNames.remove(varying);
        }
        String body = !compared.body() ? "(not compared)" : answer.body()
                .replaceAll("\"timestamp\":\"[^\"]*\"", "\"timestamp\":\"…\"")
                .replace(":" + app.appPort() + "/", ":{port}/");
        return compared.call() + " -> " + answer.status() + " " + answer.header("Content-Type") + " " + headerNames + " " + body;
    }

    /** The JDK the harness starts apps on by default: it.java.home when set, else the one running the tests. */
    private static String defaultJdk() {
        String configured = System.getProperty("it.java.home", "");
        return configured.isBlank() ? String.valueOf(Runtime.version().feature()) : Path.of(configured).getFileName().toString();
    }

    /** JDK 25 as a second JDK, unless the whole run is already on a JDK of its own (it.java.home) or on 25. */
}
