package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.obsagent.it.harness.AgentMetrics;
import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.PrometheusText;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A Spring Boot application of the size production services have (Spring MVC, Data JPA with Hibernate, HikariCP,
 * validation, Actuator; about 17 000 classes): everything the agent gives a small app, it gives this one too, from
 * its first request, although most of its classes load while the agent is still starting and after the container.
 */
@Tag("cross-jdk")
class LargeSpringAppIT {

    /** The sample app loads about 9 000; below this the app would no longer be the large one it stands for. */
    private static final double LARGE = 15_000;

    @Test
    void everyRequestIsMeasuredTheDatabaseCheckedAndNothingFails() {
        try (AppProcess app = AppProcess.builder(Apps.boot3Jpa()).withAgent().start()) {
            app.awaitReady();
            assertThat(Http.get(app.appUrl("/books/1")).status()).isEqualTo(200);
            assertThat(Http.get(app.appUrl("/books/1")).status()).isEqualTo(200);
            assertThat(Http.get(app.appUrl("/books/99")).status()).isEqualTo(404);
            assertThat(Http.postJson(app.appUrl("/books"), "{\"title\":\"\"}").status()).isEqualTo(400);
            assertThat(Http.postJson(app.appUrl("/books"), "{\"title\":\"Fiasco\",\"author\":\"Stanislaw Lem\"}").status())
                    .isEqualTo(201);
            assertThat(Http.send("POST", app.appUrl("/books/3/lend"), "").status()).isEqualTo(200);
            assertThat(Http.send("POST", app.appUrl("/books/3/lend"), "").status()).isEqualTo(409);

            PrometheusText metrics = AgentMetrics.await(app, "the requests above counted",
                    m -> requests(m, "GET", "/books/{id}", "404") == 1 && requests(m, "POST", "/books/{id}/lend", "409") == 1);
            assertThat(requests(metrics, "GET", "/books", "200")).as("the first request, made while the app was starting")
                    .isGreaterThanOrEqualTo(1);
            assertThat(requests(metrics, "GET", "/books/{id}", "200")).isEqualTo(2);
            assertThat(requests(metrics, "POST", "/books", "400")).isEqualTo(1);
            assertThat(requests(metrics, "POST", "/books", "201")).isEqualTo(1);
            assertThat(requests(metrics, "POST", "/books/{id}/lend", "200")).isEqualTo(1);
            assertThat(metrics.sum("obs_agent_errors_total", Map.of())).as("faults of the agent").isZero();
            assertThat(metrics.value("jvm_classes_loaded_total", Map.of())).as("classes loaded").isGreaterThan(LARGE);

            assertThat(Http.get(app.sideUrl("/health/ready")).body())
                    .as("Hibernate's data source found and checked")
                    .isEqualTo("{\"status\":\"ready\",\"checks\":{\"app\":\"ok\",\"database\":\"ok\"}}");
        }
    }

    private static double requests(PrometheusText metrics, String method, String endpoint, String status) {
        return AgentMetrics.requests(metrics, Map.of("method", method, "endpoint", endpoint, "status", status));
    }
}
