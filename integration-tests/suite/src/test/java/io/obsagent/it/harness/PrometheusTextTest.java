package io.obsagent.it.harness;

import static io.obsagent.it.harness.PrometheusText.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String EXPOSITION = """
            # HELP http_requests_total Requests.
            # TYPE http_requests_total counter
            http_requests_total{method="GET",endpoint="/items/*",status="200"} 3.0
            http_requests_total{method="GET",endpoint="/a \\"quoted\\", \\\\ and\\nnew line",status="404"} 2.0 1700000000000
            http_requests_total{method="POST",endpoint="/items/*",status="200",} 1
            # TYPE http_requests_in_flight gauge
            http_requests_in_flight 0
            http_request_duration_seconds_bucket{le="+Inf"} 6
            """;

    private final PrometheusText metrics = PrometheusText.parse(EXPOSITION);

    @Test
    void findsOneSampleByNameAndLabels() {
        assertThat(metrics.value("http_requests_total", labels("method", "GET", "status", "200"))).isEqualTo(3.0);
        assertThat(metrics.value("http_requests_in_flight", labels())).isZero();
        assertThat(metrics.value("http_request_duration_seconds_bucket", labels("le", "+Inf"))).isEqualTo(6);
    }

    @Test
    void sumsOverTheLabelsLeftOpen() {
        assertThat(metrics.sum("http_requests_total", labels("endpoint", "/items/*"))).isEqualTo(4.0);
        assertThat(metrics.sum("http_requests_total", labels())).isEqualTo(6.0);
        assertThat(metrics.sum("no_such_metric", labels())).isZero();
    }

    @Test
    void undoesLabelValueEscapes() {
        assertThat(metrics.find("http_requests_total", labels("status", "404")).orElseThrow().labels())
                .containsEntry("endpoint", "/a \"quoted\", \\ and\nnew line");
    }

    @Test
    void refusesAnAmbiguousFind() {
        assertThatThrownBy(() -> metrics.find("http_requests_total", labels("endpoint", "/items/*")))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void knowsTheDeclaredTypes() {
        assertThat(metrics.type("http_requests_total")).contains("counter");
        assertThat(metrics.type("http_requests_in_flight")).contains("gauge");
    }
}
