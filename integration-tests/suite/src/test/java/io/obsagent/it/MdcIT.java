package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
 * The application reads the request's ID from its own logging context: SLF4J's MDC on Jetty 9 with Logback 1.2,
 * Log4j 2's ThreadContext on Jersey; and a pattern's {@code %X{request_id}} prints it. A valid incoming
 * {@code traceparent} puts its trace-id there as {@code trace_id}.
 */
class MdcIT {

    private static final int SEQUENTIAL = 40;

    static Stream<Arguments> appsAndTheirMdcEndpoint() {
        return Stream.of(Arguments.of(Apps.jetty9(), "/mdc"), Arguments.of(Apps.jersey(), "/api/mdc"));
    }

    @ParameterizedTest
    @MethodSource("appsAndTheirMdcEndpoint")
    void eachRequestSeesItsOwnIdAndNeverTheLastOne(AppJar jar, String path) {
        try (AppProcess app = AppProcess.builder(jar).withAgent().start()) {
            app.awaitReady();

            // Sequential requests reuse the container's pooled threads: a leak would show the previous request's ID.
            for (int i = 0; i < SEQUENTIAL; i++) {
                String id = "mdc-" + i;
                assertThat(Http.get(app.appUrl(path), "X-Request-ID", id).body()).isEqualTo(id);
            }
            HttpResult generated = Http.get(app.appUrl(path));
            assertThat(generated.body()).isEqualTo(generated.header("X-Request-ID"));
            app.awaitLine(line -> line.contains("mdc check") && line.contains("request_id=" + generated.body()),
                    Duration.ofSeconds(10));

            // A valid W3C traceparent gives its trace-id to the logging context and the access event; a forged one nothing.
            String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
            String key = path + "?key=trace_id";
            assertThat(Http.get(app.appUrl(key), "X-Request-ID", "traced", "traceparent",
                    "00-" + traceId + "-00f067aa0ba902b7-01").body()).isEqualTo(traceId);
            assertThat(Http.get(app.appUrl(key), "X-Request-ID", "forged", "traceparent",
                    "00-" + traceId.toUpperCase() + "-00f067aa0ba902b7-01").body()).isEqualTo("none");
            assertThat(Http.get(app.appUrl(key), "X-Request-ID", "after").body()).isEqualTo("none");
            AgentEvents events = AgentEvents.of(app, path);
            assertThat(events.awaitRequestProcessed("traced")).containsEntry("trace_id", traceId);
            assertThat(events.awaitRequestProcessed("forged")).doesNotContainKey("trace_id");
        }
    }
}
