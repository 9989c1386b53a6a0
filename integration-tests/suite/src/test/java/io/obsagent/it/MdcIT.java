package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import org.junit.jupiter.api.Test;

/** The application reads the request's ID from its own logging context: SLF4J's MDC and Log4j 2's ThreadContext. */
class MdcIT {

    private static final int SEQUENTIAL = 40;

    @Test
    void jetty9SeesEachRequestsIdInSlf4jMdcAndNeverTheLastOne() {
        try (AppProcess app = AppProcess.builder(Apps.jetty9()).withAgent().start()) {
            app.awaitReady();

            assertEachRequestSeesItsOwnId(app, "/mdc");
            HttpResult generated = Http.get(app.appUrl("/mdc"));
            assertThat(generated.body()).isEqualTo(generated.header("X-Request-ID"));
            app.awaitLine(line -> line.contains("mdc check") && line.contains("request_id=" + generated.body()),
                    Duration.ofSeconds(10));
        }
    }

    @Test
    void jerseySeesEachRequestsIdInLog4jThreadContextAndNeverTheLastOne() {
        try (AppProcess app = AppProcess.builder(Apps.jersey()).withAgent().start()) {
            app.awaitReady();

            assertEachRequestSeesItsOwnId(app, "/api/mdc");
            HttpResult generated = Http.get(app.appUrl("/api/mdc"));
            assertThat(generated.body()).isEqualTo(generated.header("X-Request-ID"));
            app.awaitLine(line -> line.contains("mdc check") && line.contains("request_id=" + generated.body()),
                    Duration.ofSeconds(10));
        }
    }

    /** Sequential requests reuse the container's pooled threads: a leak would show the previous request's ID. */
    private static void assertEachRequestSeesItsOwnId(AppProcess app, String path) {
        for (int i = 0; i < SEQUENTIAL; i++) {
            String id = "mdc-" + i;
            assertThat(Http.get(app.appUrl(path), "X-Request-ID", id).body()).isEqualTo(id);
        }
    }
}
