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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * agent/SPEC.md §8 across real processes: the caller app hands work to every kind of executor from a request and
 * logs from the task with {@code %X{request_id}}; the ID is there in the task and gone from the worker's next task,
 * which the app submits from a thread outside any request; a task that runs after its request ended still carries
 * the ID; no request is counted twice. On JDK 17 with two CPUs {@code CompletableFuture} starts a thread per task; on
 * JDK 25 virtual threads are covered too.
 */
class CorrelationIT {

    private static final Duration LOG_TIMEOUT = Duration.ofSeconds(20);
    private static final List<String> HOPS = List.of("execute", "submit", "invokeAll", "invokeAny", "schedule",
            "scheduleAtFixedRate", "forkJoinExecute", "forkJoinSubmit", "supplyAsync", "runAsyncOnPool", "thenApplyAsync");
    private static final List<String> VIRTUAL_HOPS = List.of("virtualThread", "virtualExecutor");

    static Stream<Path> jdks() {
        Path java25 = Jdks.java25Home();
        return java25 == null ? Stream.of(Jdks.defaultHome()) : Stream.of(Jdks.defaultHome(), java25);
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void workHandedOffFromARequestLogsItsIdAndLeavesTheWorkerClean(Path jdk) {
        try (AppProcess caller = AppProcess.builder(Apps.caller()).withAgent().javaHome(jdk).start()) {
            caller.awaitReady();
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
}
