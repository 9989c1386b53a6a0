package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.AppProcessBuilder;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.RawHttp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent never initialises {@code java.util.logging}'s LogManager: application servers such as WildFly
 * install their own and fail to start when the JDK's came first. The side server, its probes, its scrapes
 * and the JVM metrics all run without it. Made visible with a LogManager class that does not exist: the JDK
 * reports on stderr whenever, and by whom, the LogManager is initialised. The Jetty 9 app logs through
 * SLF4J, so without the agent nothing initialises it either.
 */
class JavaUtilLoggingIT {

    private static final String INITIALISED = "Could not load Logmanager";

    @ParameterizedTest(name = "with agent: {0}")
    @ValueSource(booleans = {false, true})
    void theLogManagerIsNeverInitialised(boolean withAgent) throws InterruptedException {
        AppProcessBuilder builder = AppProcess.builder(Apps.jetty9()).systemProperty("java.util.logging.manager", "no.such.LogManager");
        if (withAgent) {
            builder.withAgent();
        }
        try (AppProcess app = builder.start()) {
            app.awaitReady();
            Http.get(app.appUrl("/hello"));
            if (withAgent) {
                app.awaitHttpOk(app.sideUrl("/health/ready"), AppProcess.STARTUP_TIMEOUT);
                awaitJvmMetrics(app);
                for (String path : List.of("/", "/health/live", "/health/health", "/metrics/metrics", "/nope")) {
                    Http.get(app.sideUrl(path));
                    Http.send("POST", app.sideUrl(path), "x");
                }
                RawHttp.send(app.sidePort(), "HEAD /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes());
                RawHttp.send(app.sidePort(), "GARBAGE\r\n\r\n".getBytes());
            }
            assertThat(app.stop(Duration.ofSeconds(20))).isNotNegative();
            assertThat(app.lines()).as("output of %s", app.logFile()).noneMatch(line -> line.contains(INITIALISED));
        }
    }

    private static void awaitJvmMetrics(AppProcess app) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Http.get(app.sideUrl("/metrics")).body().contains("jvm_memory_used_bytes{")) {
            assertThat(System.nanoTime()).as("JVM metrics registered within 60 s").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(200);
        }
    }
}
