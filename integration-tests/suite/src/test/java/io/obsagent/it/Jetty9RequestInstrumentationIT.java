package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.obsagent.it.harness.AppJar;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import org.junit.jupiter.api.Test;

/** Request instrumentation on Jetty 9.4 (Servlet 3.1: no HttpServletMapping), SLF4J 1.7 + Logback 1.2. */
class Jetty9RequestInstrumentationIT extends ServletAppRequests {

    @Override
    AppJar jar() {
        return Apps.jetty9();
    }

    @Test
    void slf4jMdcCarriesTheRequestIdWhileTheRequestRuns() {
        HttpResult response = Http.get(app.appUrl("/mdc"));

        assertThat(response.header(HEADER)).matches(UUID_V4);
        assertThat(response.body()).isEqualTo(response.header(HEADER));
        app.awaitLine(line -> line.contains("request_id=" + response.header(HEADER) + " - mdc check"),
                java.time.Duration.ofSeconds(10));
    }

    @Test
    void slf4jMdcCarriesAKeptIncomingRequestId() {
        HttpResult response = Http.get(app.appUrl("/mdc"), HEADER, "from-the-caller-1");

        assertThat(response.body()).isEqualTo("from-the-caller-1");
    }
}
