package io.obsagent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.obsagent.it.harness.AgentEvents;
import io.obsagent.it.harness.AgentMetrics;
import io.obsagent.it.harness.AppProcess;
import io.obsagent.it.harness.Apps;
import io.obsagent.it.harness.Http;
import io.obsagent.it.harness.Jdks;
import io.obsagent.it.harness.PrometheusText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * agent/SPEC.md §8 across real processes: the caller app hands work to every kind of executor from a request and
 * logs from the task with {@code %X{request_id}}; the ID is there in the task and gone from the worker's next task,
 * which the app submits from a thread outside any request; a task that runs after its request ended still carries
 * the ID; no request is counted twice. On JDK 17 with two CPUs {@code CompletableFuture} starts a thread per task; on
 * JDK 25 virtual threads are covered too. The application's own fork/join tasks (forked, invoked, submitted) and a
 * parallel stream's log the ID on whichever thread runs them, the common pool's worker included. Outgoing calls with each client reach a downstream service (the same app)
 * carrying the caller's request ID and the incoming trace context, unless the app set the header itself, the host
 * is excluded or no request is current; each call is counted once in the client metrics, a refused one as error.
 */
class CorrelationIT {

    private static final Duration LOG_TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> HOPS = List.of("execute", "submit", "invokeAll", "invokeAny", "schedule",
            "scheduleAtFixedRate", "forkJoinExecute", "forkJoinSubmit", "forkJoinInvokeAll", "supplyAsync", "runAsyncOnPool",
            "thenApplyAsync", "forkJoinFork", "forkJoinInvoke", "forkJoinSubmitTask", "parallelStream");
    private static final List<String> VIRTUAL_HOPS = List.of("virtualThread", "virtualExecutor");

    static Stream<Path> jdks() {
        Path java25 = Jdks.java25Home();
        return java25 == null ? Stream.of(Jdks.defaultHome()) : Stream.of(Jdks.defaultHome(), java25);
    }

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private static final List<String> CLIENTS = List.of("urlconnection", "jdk", "jdkAsync", "apache4", "apache5", "okhttp",
            "okhttpAsync", "apache5Async");
    private static AppProcess downstream;

    @BeforeAll
    static void startDownstream() {
        downstream = AppProcess.builder(Apps.caller()).withAgent().testName("CorrelationIT-downstream").start();
        downstream.awaitReady();
    }

    @AfterAll
    static void stopDownstream() {
        downstream.close();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void workHandedOffFromARequestLogsItsIdAndLeavesTheWorkerCleanAndCallsCarryIt(Path jdk) {
        try (AppProcess caller = AppProcess.builder(Apps.caller()).withAgent("propagation.exclude_hosts=127.0.0.*")
                .javaHome(jdk).start()) {
            caller.awaitReady();
            outgoingCallsCarryTheRequestAndAreCountedOnce(caller, jdk.getFileName().toString());
            List<String> kinds = new ArrayList<>(HOPS);
            if (!jdk.equals(Jdks.defaultHome()) || Runtime.version().feature() >= 21) {
                kinds.addAll(VIRTUAL_HOPS);
            }
            for (String kind : kinds) {
                String id = "hop-" + kind;
                assertThat(Http.get(caller.appUrl("/hop?kind=" + kind), "X-Request-ID", id).body()).isEqualTo("ok");
                caller.awaitLine(line -> line.startsWith("hop " + kind + " rid=[" + id + "]"), LOG_TIMEOUT);
                caller.awaitLine(line -> line.startsWith("after " + kind + " rid=[]"), LOG_TIMEOUT);
            }
            for (String kind : kinds) {
                assertThat(caller.stdoutLines()).filteredOn(line -> line.startsWith("hop " + kind + " rid=")).isNotEmpty()
                        .allSatisfy(line -> assertThat(line).startsWith("hop " + kind + " rid=[hop-" + kind + "] thread="));
            }
            assertThat(caller.stdoutLines()).as("the common pool's worker ran forked and stolen tasks")
                    .anyMatch(line -> line.startsWith("hop forkJoinFork rid=[hop-forkJoinFork] thread=ForkJoinPool.commonPool-worker"))
                    .anyMatch(line -> line.startsWith("hop parallelStream rid=[hop-parallelStream] thread=ForkJoinPool.commonPool-worker"));
            Http.get(caller.appUrl("/hop?late=t1"), "X-Request-ID", "hop-late");
            caller.awaitLine(line -> line.startsWith("hop late t1 rid=[hop-late]"), LOG_TIMEOUT);

            assertThat(caller.stdoutLines()).filteredOn(line -> line.startsWith("after "))
                    .hasSize(kinds.size()).allSatisfy(line -> assertThat(line).contains("rid=[]"));
            PrometheusText metrics = AgentMetrics.await(caller, "every hop request counted",
                    m -> m.sum("http_requests_total", Map.of("endpoint", "/hop")) >= kinds.size() + 1);
            assertThat(metrics.sum("http_requests_total", Map.of("endpoint", "/hop"))).isEqualTo(kinds.size() + 1);
            AgentEvents events = AgentEvents.of(caller, "/echo");
            events.settle();
            assertThat(events.requestsProcessed("hop-late")).hasSize(1);
            assertThat(metrics.sum("obs_agent_errors_total", Map.of())).isZero();
        }
    }

    private static void outgoingCallsCarryTheRequestAndAreCountedOnce(AppProcess caller, String run) {
        String echo = "http://localhost:" + downstream.appPort() + "/echo";
        String excluded = "http://127.0.0.1:" + downstream.appPort() + "/echo";
        List<String> propagatedIds = new ArrayList<>();
        String redirected = null;
        for (String client : CLIENTS) {
            String id = "call-" + client + "-" + run;
            assertThat(call(caller, client, echo, "", id, "traceparent", TRACEPARENT, "tracestate", "a=b"))
                    .isEqualTo("id=" + id + " traceparent=" + TRACEPARENT + " tracestate=a=b");
            if (client.equals("apache5Async")) {
                caller.awaitLine(line -> line.startsWith("async callback rid=[" + id + "] thread=httpclient-dispatch"), LOG_TIMEOUT);
                // The async client follows a redirect on its I/O thread: the second request carries the ID too.
                assertThat(call(caller, client, echo.replace("/echo", "/redirect"), "", id + "-redirected"))
                        .isEqualTo("id=" + id + "-redirected traceparent=null tracestate=null");
                redirected = id + "-redirected";
            }
            assertThat(call(caller, client, echo, "&own=mine-" + run, id + "-own"))
                    .isEqualTo("id=mine-" + run + " traceparent=null tracestate=null");
            assertThat(call(caller, client, echo, "&hop=1", id + "-hop")).isEqualTo("id=" + id + "-hop traceparent=null tracestate=null");
            assertThat(call(caller, client, echo, "&detached=1", id + "-detached")).isEqualTo("id=null traceparent=null tracestate=null");
            if (client.equals("apache5Async")) {
                caller.awaitLine(line -> line.startsWith("async callback rid=[] thread=httpclient-dispatch"), LOG_TIMEOUT);
            }
            assertThat(call(caller, client, excluded, "", id + "-excluded")).isEqualTo("id=null traceparent=null tracestate=null");
            assertThat(call(caller, client, "http://localhost:1/echo", "", id + "-refused")).isEqualTo("error");
            propagatedIds.add(id);
            propagatedIds.add(id + "-hop");
        }
        AgentEvents downstreamEvents = AgentEvents.of(downstream, "/echo");
        for (String id : propagatedIds) {
            downstreamEvents.awaitRequestProcessed(id);
        }
        downstreamEvents.settle();
        for (String id : propagatedIds) {
            assertThat(downstreamEvents.requestsProcessed(id)).hasSize(1);
        }
        assertThat(downstreamEvents.requestsProcessed("mine-" + run)).hasSize(CLIENTS.size());
        assertThat(downstreamEvents.requestsProcessed(redirected)).extracting(event -> event.get("path"))
                .containsExactlyInAnyOrder("/redirect", "/echo");

        int calls = CLIENTS.size();
        String downstreamHost = "localhost:" + downstream.appPort();
        PrometheusText metrics = AgentMetrics.await(caller, "every refused call counted",
                m -> m.sum("http_client_requests_total", Map.of("status", "error")) >= calls);
        assertThat(metrics.sum("http_client_requests_total", Map.of("host", downstreamHost, "method", "GET", "status", "200")))
                .as("4 calls per client, and the one redirected call").isEqualTo(4 * calls + 1);
        assertThat(metrics.sum("http_client_requests_total", Map.of("host", "127.0.0.1:" + downstream.appPort(), "status", "200")))
                .isEqualTo(calls);
        assertThat(metrics.sum("http_client_requests_total", Map.of("host", "localhost:1", "method", "GET", "status", "error")))
                .isEqualTo(calls);
        assertThat(metrics.sum("http_client_requests_total", Map.of())).isEqualTo(6 * calls + 1);
        assertThat(metrics.sum("http_client_request_duration_seconds_count", Map.of("host", "localhost:1", "status", "error")))
                .isEqualTo(calls);
    }

    private static String call(AppProcess caller, String client, String url, String query, String id, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "X-Request-ID";
        all[1] = id;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return Http.get(caller.appUrl("/call?client=" + client + "&url=" + url + query), all).body();
    }
}
