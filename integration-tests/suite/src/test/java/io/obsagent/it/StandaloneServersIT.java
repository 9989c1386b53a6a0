package io.obsagent.it;

import static io.obsagent.it.harness.PrometheusText.labels;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.obsagent.it.harness.AgentMetrics;
import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.AppProcessBuilder;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.HttpResult;
import io.obsagent.it.harness.Jdks;
import io.obsagent.it.harness.JsonLines;
import io.obsagent.it.harness.StandaloneServer;
import io.obsagent.it.harness.StandaloneServer.Attach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * WARs on stock Tomcat and WildFly distributions, attached the way operators attach agents there. Each server
 * runs the same WAR twice, as /app1 and /app2: identical routes that must stay apart in the metrics, each
 * webapp logging the request ID through its own copy of its logging library.
 */
class StandaloneServersIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int REDEPLOYS = 10;

    static Stream<Arguments> tomcats() {
        List<Arguments> tomcats = new ArrayList<>();
        tomcats.add(Arguments.of("Tomcat 9, javax WAR with Log4j 2", "it.server.tomcat9.home", Apps.warJavaxLog4j(), Jdks.defaultHome()));
        tomcats.add(Arguments.of("Tomcat 10.1, jakarta WAR with Logback", "it.server.tomcat10.home", Apps.warJakartaLogback(), Jdks.defaultHome()));
        if (Jdks.java25Home() != null) {
            tomcats.add(Arguments.of("Tomcat 9 on Java 25", "it.server.tomcat9.home", Apps.warJavaxLog4j(), Jdks.java25Home()));
        }
        return tomcats.stream();
    }

    static Stream<Arguments> wildflyAttachments() {
        List<Arguments> runs = new ArrayList<>();
        for (Attach attach : new Attach[]{Attach.JAVA_OPTS, Attach.MODULE_OPTS, Attach.JAVA_TOOL_OPTIONS}) {
            runs.add(Arguments.of(attach, Jdks.defaultHome()));
        }
        if (Jdks.java25Home() != null) {
            runs.add(Arguments.of(Attach.JAVA_OPTS, Jdks.java25Home()));
            runs.add(Arguments.of(Attach.MODULE_OPTS, Jdks.java25Home()));
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tomcats")
    void tomcatKeepsTwoWebappsApartAndNeverKnocksOnItsShutdownPort(String label, String distribution, Path war, Path javaHome) {
        StandaloneServer tomcat = StandaloneServer.tomcat(distribution).javaHome(javaHome).deploy(war, "app1").deploy(war, "app2");
        try (AppProcess server = tomcat.start(Attach.CATALINA_OPTS, AppProcessBuilder.freePort(), "/app1/hello")) {
            server.awaitReady();
            HttpResult ready = server.awaitStatus(server.sideUrl("/health/ready"), 200, TIMEOUT);
            assertThat(ready.body()).contains("\"app\":\"ok\"");

            webappsStayApartAndLogTheirRequestIds(server);
            assertThat(agentStarted(server)).containsEntry("service", "tomcat");

            // No ROOT webapp: Tomcat's host valve answers this itself, without any filter or servlet.
            HttpResult unmapped = Http.get(server.appUrl("/nowhere/42"));
            assertThat(unmapped.status()).isEqualTo(404);
            assertThat(unmapped.header("X-Request-ID")).isNotBlank();
            AgentMetrics.await(server, "the unmapped request counted",
                    m -> AgentMetrics.requests(m, labels("endpoint", "NOT_FOUND", "status", "404")) == 1);
            assertThat(server.lines()).noneMatch(line -> line.contains("Invalid shutdown command"));
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("wildflyAttachments")
    void wildflyDeploysWithTheAgentInItsStockConfiguration(Attach attach, Path javaHome) {
        Path war = Apps.warJakartaLogback();
        StandaloneServer wildfly = StandaloneServer.wildfly().javaHome(javaHome).deploy(war, "app1").deploy(war, "app2");
        try (AppProcess server = wildfly.start(attach, AppProcessBuilder.freePort(), "/app1/hello")) {
            server.awaitReady();
            webappsStayApartAndLogTheirRequestIds(server);
            assertThat(agentStarted(server)).containsEntry("service", "wildfly");
            assertThat(server.awaitStatus(server.sideUrl("/health/ready"), 200, TIMEOUT).body()).contains("\"app\":\"ok\"");
            assertThat(server.lines()).noneMatch(line -> line.contains("WFLYSRV0026") || line.contains("io.obsagent.bridge")
                    || line.contains("WFLYCTL0013"));
        }
    }

    @Test
    void aTomcatWhoseConnectorCannotBindIsNotReady() throws IOException {
        StandaloneServer tomcat = StandaloneServer.tomcat("it.server.tomcat9.home").deploy(Apps.warJavaxLog4j(), "app1");
        try (ServerSocket taken = new ServerSocket(tomcat.appPort());
             AppProcess server = tomcat.start(Attach.CATALINA_OPTS, AppProcessBuilder.freePort(), "/app1/hello")) {
            server.awaitLine(line -> line.contains("Server startup in"), TIMEOUT);
            HttpResult ready = server.awaitStatus(server.sideUrl("/health/ready"), 503, TIMEOUT);
            assertThat(ready.body()).contains("could not bind port " + tomcat.appPort());
        }
    }

    @Test
    void redeploysLeaveNoMoreWebappClassLoadersAliveThanWithoutTheAgent() {
        long withoutAgent = liveWebappLoadersAfterRedeploys(null);
        long withAgent = liveWebappLoadersAfterRedeploys(Attach.CATALINA_OPTS);
        assertThat(withAgent).as("live webapp class loaders after %s redeploys, without the agent %s", REDEPLOYS, withoutAgent)
                .isLessThanOrEqualTo(withoutAgent);
    }

    /** Redeploys /app1 (with a request before each) and counts Tomcat's webapp class loaders after a full GC. */
    private static long liveWebappLoadersAfterRedeploys(Attach attach) {
        Path war = Apps.warJavaxLog4j();
        StandaloneServer tomcat = StandaloneServer.tomcat("it.server.tomcat9.home").deploy(war, "app1").deploy(war, "app2");
        Predicate<String> app1Deployed = line -> line.contains("Deployment of web application archive") && line.contains("app1.war");
        try (AppProcess server = tomcat.start(attach, AppProcessBuilder.freePort(), "/app1/hello")) {
            server.awaitReady();
            for (int i = 1; i <= REDEPLOYS; i++) {
                assertThat(Http.get(server.appUrl("/app1/items/" + i)).status()).isEqualTo(200);
                touch(tomcat.deployed("app1"), i);
                server.awaitLineCount(app1Deployed, 1 + i, TIMEOUT);
            }
            server.awaitHttpOk("/app1/hello", TIMEOUT);
            return instances(server, "org.apache.catalina.loader.ParallelWebappClassLoader");
        }
    }

    private static void webappsStayApartAndLogTheirRequestIds(AppProcess server) {
        HttpResult first = Http.get(server.appUrl("/app1/items/42"));
        HttpResult second = Http.get(server.appUrl("/app2/items/42"));
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(first.header("X-Request-ID")).isNotBlank().isNotEqualTo(second.header("X-Request-ID"));

        HttpResult mdc = Http.get(server.appUrl("/app2/mdc"));
        String requestId = mdc.header("X-Request-ID");
        assertThat(mdc.body()).isEqualTo(requestId);
        server.awaitLine(line -> line.contains("mdc check in /app2") && line.contains("request_id=" + requestId), TIMEOUT);

        AgentMetrics.await(server, "each webapp's /items/* counted under its own context path",
                m -> AgentMetrics.requests(m, labels("endpoint", "/app1/items/*", "status", "200")) == 1
                        && AgentMetrics.requests(m, labels("endpoint", "/app2/items/*", "status", "200")) == 1);
        assertThat(server.lines()).noneMatch(line -> line.contains("\"agent_error\""));
    }

    /** The agent_started event; on WildFly's console it may follow the previous log line's colour reset. */
    private static Map<String, Object> agentStarted(AppProcess server) {
        String line = server.awaitLine(l -> l.contains("{\"timestamp\"") && l.contains("\"agent_started\""), TIMEOUT);
        return JsonLines.parseObject(line.substring(line.indexOf("{\"timestamp\"")));
    }

    /** Moves the WAR's modification time forward, as a copy of a new build would: Tomcat redeploys it. */
    private static void touch(Path war, int step) {
        try {
            Files.setLastModifiedTime(war, FileTime.from(Instant.now().plusSeconds(step)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Instances of {@code className} alive after the full GC that {@code jcmd GC.class_histogram} runs first. */
    private static long instances(AppProcess server, String className) {
        Path jcmd = server.javaHome().resolve("bin/jcmd");
        try {
            Process histogram = new ProcessBuilder(jcmd.toString(), String.valueOf(server.jvmPid()), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String output = new String(histogram.getInputStream().readAllBytes());
            histogram.waitFor();
            Matcher line = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+" + Pattern.quote(className) + "\\b").matcher(output);
            return line.find() ? Long.parseLong(line.group(1)) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
