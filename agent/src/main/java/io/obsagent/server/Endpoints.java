package io.obsagent.server;

import io.obsagent.core.events.JsonFields;
import io.obsagent.core.metrics.AgentFaults;
import io.obsagent.core.readiness.Readiness;
import io.obsagent.core.readiness.ReadinessChecks;

import java.io.IOException;

/**
 * The side server's paths (agent/SPEC.md §3), matched whole. Whatever goes wrong is answered (500) and counted; nothing
 * propagates into the server's threads.
 */
final class Endpoints {

    private static final String NOT_FOUND = JsonFields.object(f -> f.string("error", "not_found"));
    private static final String NOT_ALLOWED = JsonFields.object(f -> f.string("error", "method_not_allowed"));
    private static final String UNAUTHORIZED = JsonFields.object(f -> f.string("error", "unauthorized"));
    private static final String INTERNAL = JsonFields.object(f -> f.string("error", "internal_error"));

    /** The worker lane that answers a path: liveness never waits behind readiness, nor either behind a scrape. */
    static WorkerPool.Lane lane(String rawPath) {
        Route route = Route.of(rawPath);
        return route == Route.LIVE ? WorkerPool.Lane.LIVE : route == Route.READY ? WorkerPool.Lane.READY : WorkerPool.Lane.OTHER;
    }

    /** What a path answers, and whether {@code server.auth} guards it (probes stay open for the kubelet). */
    private enum Route {
        LIVE(false), READY(false), METRICS(true), INDEX(true);

        final boolean guarded;

        Route(boolean guarded) {
            this.guarded = guarded;
        }

        static Route of(String path) {
            switch (path) {
                case "/health/live":
                case "/health/health":
                    return LIVE;
                case "/health/ready":
                    return READY;
                case "/metrics":
                case "/metrics/metrics":
                    return METRICS;
                case "/":
                    return INDEX;
                default:
                    return null;
            }
        }
    }

    private final String service;
    private final String index;
    private final LivenessProbe liveness;
    private final ReadinessChecks readiness;
    private final ScrapeEndpoint scrape;
    private final ServerAuthGuard guard;
    private final AgentFaults faults;

    Endpoints(ServiceInfo info, LivenessProbe liveness, ReadinessChecks readiness, ScrapeEndpoint scrape,
              ServerAuthGuard guard, AgentFaults faults) {
        this.service = info.name();
        this.index = JsonFields.object(f -> f.string("name", info.name()).string("version", info.version())
                .string("agent_version", info.agentVersion()).string("status", "running")
                .string("health", "/health/live").string("ready", "/health/ready").string("metrics", "/metrics"));
        this.liveness = liveness;
        this.readiness = readiness;
        this.scrape = scrape;
        this.guard = guard;
        this.faults = faults;
    }

    /** Gives the exchange its answer; never throws. */
    void handle(SideExchange exchange) {
        try {
            answer(exchange);
            if (exchange.status() == -1) {
                throw new IllegalStateException("no answer to " + exchange.request().rawPath());
            }
        } catch (Throwable t) {
            faults.report("server", t);
            internalError(exchange);
        }
    }

    private void answer(SideExchange exchange) throws IOException {
        SideRequest request = exchange.request();
        Route route = Route.of(request.rawPath());
        if (route == null) {
            Replies.json(exchange, 404, NOT_FOUND);
            return;
        }
        String method = request.method();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.setHeader("Allow", "GET, HEAD");
            Replies.json(exchange, 405, NOT_ALLOWED);
            return;
        }
        if (route.guarded && !guard.admits(request.header("Authorization"))) {
            exchange.setHeader("WWW-Authenticate", guard.challenge());
            Replies.json(exchange, 401, UNAUTHORIZED);
            return;
        }
        switch (route) {
            case LIVE:
                live(exchange);
                break;
            case READY:
                ready(exchange);
                break;
            case METRICS:
                scrape.handle(exchange);
                break;
            default:
                Replies.json(exchange, 200, index);
        }
    }

    private void live(SideExchange exchange) {
        final String problem = liveness.problem();
        if (problem == null) {
            Replies.json(exchange, 200, JsonFields.object(f -> f.string("status", "ok").string("service", service)));
        } else {
            Replies.json(exchange, 503, JsonFields.object(f -> f.string("status", "failed").string("service", service)
                    .string("error", problem)));
        }
    }

    private void ready(SideExchange exchange) {
        final Readiness now = readiness.current();
        if (now.isReady()) {
            Replies.json(exchange, 200, JsonFields.object(f -> f.string("status", "ready").object("checks", now.checks())));
        } else {
            Replies.json(exchange, 503, JsonFields.object(f -> f.string("status", "not_ready")
                    .object("checks", now.checks()).string("error", now.error())));
        }
    }

    /** Replaces whatever was half made (headers included) with a 500. */
    private static void internalError(SideExchange exchange) {
        exchange.reset();
        Replies.json(exchange, 500, INTERNAL);
    }
}
