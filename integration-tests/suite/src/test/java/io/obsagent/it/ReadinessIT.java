package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.obsagent.it.harness.AgentEvents;
import io.obsagent.it.harness.AgentMetrics;
import io.obsagent.it.harness.AppJar;
import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.AppProcessBuilder;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.JsonLines;
import org.h2.tools.Server;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /health/ready} follows the application's start and its database, on the sample service. */
class ReadinessIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void readinessIsStartingUntilTheApplicationAnswersThenReady() {
        try (AppProcess app = AppProcess.builder(Apps.sampleApp()).withAgent().start()) {
            List<String> seen = new ArrayList<>();
            HttpResult first = awaitSideServer(app);
            seen.add(first.status() + " " + first.body());
            HttpResult last = first;
            long deadline = System.nanoTime() + AppProcess.STARTUP_TIMEOUT.toNanos();
            while (last.status() != 200) {
                assertThat(System.nanoTime()).as("ready within %s; seen %s", AppProcess.STARTUP_TIMEOUT, seen).isLessThan(deadline);
                pause(50);
                last = Http.get(app.sideUrl("/health/ready"), Duration.ofSeconds(5));
                if (!seen.get(seen.size() - 1).equals(last.status() + " " + last.body())) {
                    seen.add(last.status() + " " + last.body());
                }
            }
            assertThat(seen).as("answers in order").anyMatch(answer -> answer.startsWith("503 ")
                    && answer.contains("\"status\":\"not_ready\"") && answer.contains("\"app\":\"starting\"")
                    && answer.contains("\"error\":\"app: "));
            assertThat(last.body()).isEqualTo("{\"status\":\"ready\",\"checks\":{\"app\":\"ok\",\"database\":\"ok\"}}");
            // Once ready, the application's own API answers too: readiness did not run ahead of it.
            assertThat(Http.get(app.appUrl("/api/v1/tasks")).status()).isEqualTo(200);
        }
    }

    /** Container start and the listening port are found on every container, without a database check. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.obsagent.it.harness.Apps#testApps")
    void everyContainerBecomesReady(AppJar jar) {
        try (AppProcess app = AppProcess.builder(jar).withAgent().start()) {
            app.awaitReady();
            HttpResult ready = awaitReadiness(app, 200, body -> true);
            assertThat(ready.body()).isEqualTo("{\"status\":\"ready\",\"checks\":{\"app\":\"ok\"}}");
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            String metrics = "";
            while (!metrics.contains("jvm_memory_used_bytes{") && System.nanoTime() < deadline) {
                pause(200);
                metrics = Http.get(app.sideUrl("/metrics")).body();
            }
            assertThat(metrics).as("JVM metrics once the container started").contains("jvm_memory_used_bytes{");
        }
    }

    /**
     * The sample service's database is a real H2 TCP server in this JVM, with a configured tcp check on the same
     * port: stopping it turns readiness 503 with an error, starting it again on the same port turns it 200.
     * Throughout, the application answers (its database calls fail in its own way) and the agent records every
     * request without a fault of its own.
     */
    @Test
    @Tag("hardening")
    void aDatabaseOutageTurnsReadinessRedAndItsReturnGreen() throws SQLException {
        int dbPort = AppProcessBuilder.freePort();
        Server database = startH2(dbPort);
        AppProcessBuilder builder = AppProcess.builder(Apps.sampleApp())
                .withAgent("ready.checks=h2=tcp://127.0.0.1:" + dbPort)
                .env("SPRING_DATASOURCE_URL", "jdbc:h2:tcp://localhost:" + dbPort + "/mem:tasks;DB_CLOSE_DELAY=-1")
                // The application's own requests give up on the database after 2 s instead of Hikari's 30 s.
                .env("SPRING_DATASOURCE_HIKARI_CONNECTIONTIMEOUT", "2000");
        try (AppProcess app = builder.start()) {
            app.awaitReady();
            HttpResult ready = awaitReadiness(app, 200, body -> true);
            assertThat(ready.body()).isEqualTo("{\"status\":\"ready\",\"checks\":{\"app\":\"ok\",\"database\":\"ok\",\"h2\":\"ok\"}}");

            database.stop();
            HttpResult down = awaitReadiness(app, 503, body -> body.contains("\"database\":\"failed\""));
            Map<String, Object> answer = JsonLines.parseObject(down.body());
            assertThat(answer).containsEntry("status", "not_ready")
                    .containsEntry("checks", Map.of("app", "ok", "database", "failed", "h2", "failed"));
            assertThat((String) answer.get("error")).startsWith("database: ").hasSizeGreaterThan("database: ".length());
            assertThat(Http.get(app.sideUrl("/health/live")).status()).as("liveness ignores dependencies").isEqualTo(200);
            String duringOutage = AgentEvents.newRequestId();
            HttpResult failing = Http.get(app.appUrl("/api/v1/tasks"), "X-Request-ID", duringOutage);
            assertThat(failing.status()).as("the application's own answer without its database").isEqualTo(500);
            assertThat(failing.headerValues("X-Request-ID")).containsExactly(duringOutage);
            assertThat(AgentEvents.of(app, "/api/v1/tasks").awaitRequestProcessed(duringOutage)).containsEntry("status", 500);

            database = startH2(dbPort);
            HttpResult back = awaitReadiness(app, 200, body -> true);
            assertThat(back.body()).isEqualTo("{\"status\":\"ready\",\"checks\":{\"app\":\"ok\",\"database\":\"ok\",\"h2\":\"ok\"}}");
            assertThat(Http.get(app.appUrl("/api/v1/tasks")).status()).isEqualTo(200);
            assertThat(AgentMetrics.scrape(app).sum("http_requests_total", Map.of("endpoint", "/api/v1/tasks", "status", "500")))
                    .isEqualTo(1);
            assertThat(JsonLines.of(app.stdoutLines()).events("agent_error")).isEmpty();
        } finally {
            database.stop();
        }
    }

    private static Server startH2(int port) throws SQLException {
        return Server.createTcpServer("-tcpPort", String.valueOf(port), "-tcpAllowOthers", "-ifNotExists").start();
    }

    /** The first answer of the side server, polled from the moment the process starts. */
    private static HttpResult awaitSideServer(AppProcess app) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            try {
                return Http.get(app.sideUrl("/health/ready"), Duration.ofSeconds(5));
            } catch (UncheckedIOException notListeningYet) {
                assertThat(app.isAlive()).as("the app is running; see %s", app.logFile()).isTrue();
                assertThat(System.nanoTime()).as("side server answers within %s", DEADLINE).isLessThan(deadline);
                pause(20);
            }
        }
    }

    private static HttpResult awaitReadiness(AppProcess app, int status, Predicate<String> body) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        HttpResult last = null;
        while (last == null || last.status() != status || !body.test(last.body())) {
            assertThat(System.nanoTime()).as("readiness %s within %s; last: %s", status, DEADLINE,
                    last == null ? "none" : last.status() + " " + last.body()).isLessThan(deadline);
            if (last != null) {
                pause(100);
            }
            last = Http.get(app.sideUrl("/health/ready"), Duration.ofSeconds(5));
        }
        return last;
    }

    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
