package io.obsagent.bench;

import io.obsagent.core.events.FixedRequest;
import io.obsagent.core.events.RequestProcessed;
import io.obsagent.core.request.RawPaths;
import io.obsagent.core.request.RequestContext;
import io.obsagent.core.request.RequestIds;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The agent's per-request path, step by step and whole (issue 6): what a request pays for its ID, its route
 * label, its metrics, its logging context and its access event. Run with {@code scripts/bench.sh --jmh}
 * ({@code -prof gc} gives the bytes allocated per operation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmark {

    private static final String INCOMING_ID = "3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f";
    private static final FixedRequest REQUEST = new FixedRequest(INCOMING_ID, "GET", "/api/v1/tasks/42");

    private HotPathState state;
    private RequestIds ids;

    @Setup
    public void setUp() {
        state = new HotPathState();
        ids = new RequestIds(128);
        wholeRequest();
    }

    @Benchmark
    public String requestIdGenerate() {
        return RequestIds.create();
    }

    @Benchmark
    public String requestIdValidate() {
        return ids.keepOrCreate(INCOMING_ID);
    }

    @Benchmark
    public String routeNormalisePath() {
        return RawPaths.normalise("/api/v1/tasks/42/export");
    }

    @Benchmark
    public void metricsRecord() {
        state.metrics.started();
        state.metrics.finished();
        state.metrics.recorded(REQUEST, 0, "/api/v1/tasks/{id}", 200, 3_000_000L);
    }

    @Benchmark
    public void mdcPutAndRestore() {
        state.mdc.exit(state.mdc.enter(REQUEST));
    }

    @Benchmark
    public void accessEventEnqueue() {
        state.events.emit(new RequestProcessed(REQUEST, "/api/v1/tasks/{id}", 200, 3_000_000L));
    }

    /** Everything the core does for one request, as the servlet advice drives it. */
    @Benchmark
    public void wholeRequest() {
        RequestContext request = state.tracker.start("GET", "/api/v1/tasks/42", null, null);
        request.frameworkRoute("/api/v1/tasks/{id}");
        request.servletRoute("", "/api/v1/tasks/42", null, "/");
        request.dispatchExited(200, null, null, null);
    }
}
