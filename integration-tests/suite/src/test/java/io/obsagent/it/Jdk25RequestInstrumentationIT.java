package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.obsagent.it.harness.AgentEvents;
import io.obsagent.it.harness.AppJar;
import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * agent/SPEC.md §7: the same apps on JDK 25, whatever JDK runs the suite: request IDs, route templates and exception
 * capture. Skipped where no JDK 25 is installed ({@code -Dit.jdk25.home} overrides the location). The whole
 * suite also runs on another JDK with {@code -Dit.java.home}.
 */
class Jdk25RequestInstrumentationIT {

    private static final Path JDK_25 = Path.of(System.getProperty("it.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    private static final Pattern UUID_V4 = AgentAttachedApp.UUID_V4;
    private static final String HEADER = AgentAttachedApp.HEADER;

    /**
     * @param setUp          a POST that must succeed first (the sample app's task), or null
     * @param templatedPath  a GET path and {@code endpoint} its label must be
     * @param failingPath    a GET path whose handler throws an IllegalStateException
     */
    private record Probe(AppJar jar, String plainPath, String setUp, String templatedPath, String endpoint,
                         String failingPath) {

        @Override
        public String toString() {
            return jar.name();
        }
    }

    static Stream<Arguments> apps() {
        return Stream.of(
                new Probe(Apps.jetty9(), "/hello", null, "/x/anything.do", "*.do", "/fail"),
                new Probe(Apps.tomcat9(), "/hello", null, "/items/42", "/items/*", "/fail"),
                new Probe(Apps.jersey(), "/hello", null, "/api/orders/5/lines/3", "/api/orders/{orderId}/lines/{lineId}",
                        "/api/users/7/fail"),
                new Probe(Apps.sampleApp(), "/api/v1/tasks", "/api/v1/tasks", "/api/v1/tasks/1/export",
                        "/api/v1/tasks/{id}/export", "/api/v1/tasks/1/export?format=xml"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void requestIdsRoutesAndExceptionsOnJdk25(Probe probe) {
        assumeTrue(Files.isExecutable(JDK_25.resolve("bin/java")), "no JDK 25 at " + JDK_25);
        try (AppProcess app = AppProcess.builder(probe.jar()).javaHome(JDK_25).withAgent().start()) {
            app.awaitReady();
            AgentEvents events = AgentEvents.of(app, probe.plainPath());
            assertThat(app.lines()).noneMatch(line -> line.contains("\"agent_error\""));
            if (probe.setUp() != null) {
                assertThat(Http.postJson(app.appUrl(probe.setUp()), "{\"title\":\"jdk 25\"}").status()).isEqualTo(201);
            }

            HttpResult plain = Http.get(app.appUrl(probe.plainPath()));
            assertThat(plain.header(HEADER)).matches(UUID_V4);
            assertThat(events.awaitRequestProcessed(plain.header(HEADER))).containsEntry("status", 200);

            HttpResult kept = Http.get(app.appUrl(probe.plainPath()), HEADER, "kept-on-25");
            assertThat(kept.headerValues(HEADER)).containsExactly("kept-on-25");
            HttpResult replaced = Http.get(app.appUrl(probe.plainPath()), HEADER, "x".repeat(400));
            assertThat(replaced.header(HEADER)).matches(UUID_V4);

            HttpResult templated = Http.get(app.appUrl(probe.templatedPath()));
            assertThat(templated.status()).isEqualTo(200);
            assertThat(events.awaitRequestProcessed(templated.header(HEADER))).containsEntry("endpoint", probe.endpoint());

            String failureId = AgentEvents.newRequestId();
            HttpResult failed = Http.get(app.appUrl(probe.failingPath()), HEADER, failureId);
            assertThat(failed.status()).isEqualTo(500);
            assertThat(events.awaitRequestProcessed(failureId)).containsEntry("status", 500);
            events.settle();
            assertThat(events.requestsProcessed(failureId)).hasSize(1);
            List<Map<String, Object>> exceptions = events.unhandledExceptions(failureId);
            assertThat(exceptions).singleElement().satisfies(exception -> assertThat(exception)
                    .containsEntry("exception_type", "java.lang.IllegalStateException")
                    .containsKey("stack_trace"));
            assertThat(app.lines()).noneMatch(line -> line.contains("\"agent_error\""));
        }
    }
}
