package io.obsagent.core.client;

import io.obsagent.bridge.Outgoing;
import io.obsagent.bridge.StandIn;
import io.obsagent.bridge.RequestHandle;
import io.obsagent.core.request.CurrentRequest;
import io.obsagent.core.threads.AgentThreads;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Outgoing HTTP calls (agent/SPEC.md §8): while a request is current on the calling thread (its own, or a worker
 * it handed work to) a call carries the request's ID and the incoming trace context, never invented ones; every
 * call the application makes, in a request or not, is counted once in the client metrics.
 */
public final class OutgoingCalls implements Outgoing.Hooks {

    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";

    private final CurrentRequest current;
    private final String idHeader;
    private final boolean propagate;
    private final HostPatterns excluded;
    private final ClientMetrics metrics;
    private final JdkHttpRequests jdk = JdkHttpRequests.find();

    public OutgoingCalls(CurrentRequest current, String idHeader, boolean propagate, String excludedHosts,
                         ClientMetrics metrics) {
        this.current = current;
        this.idHeader = idHeader;
        this.propagate = propagate;
        this.excluded = new HostPatterns(excludedHosts);
        this.metrics = metrics;
    }

    @Override
    public String[] headers(String host) {
        RequestHandle request = propagate ? current.get() : null;
        if (request == null || excluded.matches(host)) {
            return null;
        }
        String traceParent = request.traceParent();
        if (traceParent == null) {
            return new String[]{idHeader, request.requestId()};
        }
        String traceState = request.traceState();
        return traceState == null
                ? new String[]{idHeader, request.requestId(), TRACEPARENT, traceParent}
                : new String[]{idHeader, request.requestId(), TRACEPARENT, traceParent, TRACESTATE, traceState};
    }

    /** The agent's own calls (HTTP readiness checks, on its threads) are not the application's: not counted. */
    @Override
    public void finished(String method, String scheme, String host, int port, int status, long startNanos) {
        if (AgentThreads.isAgentThread()) {
            return;
        }
        metrics.record(method, host + ":" + (port >= 0 ? port : defaultPort(scheme)), status, System.nanoTime() - startNanos);
    }

    @Override
    public Object exchange(Object callback, Class<?> type, String method, String scheme, String host, int port) {
        return StandIn.isOne(callback, AsyncExchange.class) ? callback
                : new AsyncExchange(callback, this, method, scheme, host, port).proxy(type);
    }

    @Override
    public Object jdkRequest(Object request) {
        if (jdk == null) {
            return request;
        }
        try {
            String[] headers = headers(jdk.uri(request).getHost());
            return headers == null ? request : jdk.withHeaders(request, headers);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void jdkSent(Object request, CompletableFuture<?> response, final long startNanos) {
        if (jdk == null || response == null) {
            return;
        }
        try {
            final String method = jdk.method(request);
            final URI uri = jdk.uri(request);
            response.whenComplete((answer, failure) -> finished(method, uri.getScheme(), uri.getHost(), uri.getPort(),
                    failure == null ? statusOf(answer) : Outgoing.NO_RESPONSE, startNanos));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private int statusOf(Object response) {
        try {
            return jdk.statusCode(response);
        } catch (ReflectiveOperationException e) {
            return Outgoing.NO_RESPONSE;
        }
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }
}
