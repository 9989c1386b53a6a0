package io.obsagent.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.obsagent.core.events.JsonFields;
import io.obsagent.core.metrics.AgentFaults;
import io.obsagent.core.readiness.Readiness;
import io.obsagent.core.readiness.ReadinessChecks;

import java.io.IOException;

/**
 * The side server's paths (SPEC §3). One handler for the root context, matching whole paths: the JDK server
 * matches contexts by prefix, which would answer {@code /metricsanything}. Whatever goes wrong is answered
 * (or the connection dropped) and counted; nothing propagates into the JDK server's threads.
 */
final class Endpoints implements HttpHandler {

    private static final String NOT_FOUND = JsonFields.object(f -> f.string("error", "not_found"));
    private static final String NOT_ALLOWED = JsonFields.object(f -> f.string("error", "method_not_allowed"));
    private static final String UNAUTHORIZED = JsonFields.object(f -> f.string("error", "unauthorized"));
    private static final String INTERNAL = JsonFields.object(f -> f.string("error", "internal_error"));

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
    private final WorkerPool workers;
    private final AgentFaults faults;

    Endpoints(ServiceInfo info, LivenessProbe liveness, ReadinessChecks readiness, ScrapeEndpoint scrape,
              ServerAuthGuard guard, WorkerPool workers, AgentFaults faults) {
        this.service = info.name();
        this.index = JsonFields.object(f -> f.string("name", info.name()).string("version", info.version())
                .string("agent_version", info.agentVersion()).string("status", "running")
                .string("health", "/health/live").string("ready", "/health/ready").string("metrics", "/metrics"));
        this.liveness = liveness;
        this.readiness = readiness;
        this.scrape = scrape;
        this.guard = guard;
        this.workers = workers;
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) {
        try {
            workers.requestReceived();
            answer(exchange);
        } catch (IOException clientWentAway) {
            // Nothing to answer to, nothing wrong with the agent: the JDK server drops the connection.
        } catch (Throwable t) {
            faults.report("server", t);
            internalError(exchange);
        } finally {
            // Closing also drains what is left of a request body the side server never reads.
            exchange.close();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        Route route = Route.of(exchange.getRequestURI().getRawPath());
        if (route == null) {
            Replies.json(exchange, 404, NOT_FOUND);
            return;
        }
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            Replies.json(exchange, 405, NOT_ALLOWED);
            return;
        }
        if (route.guarded && !guard.admits(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", guard.challenge());
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

    private void live(HttpExchange exchange) throws IOException {
        final String problem = liveness.problem();
        if (problem == null) {
            Replies.json(exchange, 200, JsonFields.object(f -> f.string("status", "ok").string("service", service)));
        } else {
            Replies.json(exchange, 503, JsonFields.object(f -> f.string("status", "failed").string("service", service)
                    .string("error", problem)));
        }
    }

    private void ready(HttpExchange exchange) throws IOException {
        final Readiness now = readiness.current();
        if (now.isReady()) {
            Replies.json(exchange, 200, JsonFields.object(f -> f.string("status", "ready").object("checks", now.checks())));
        } else {
            Replies.json(exchange, 503, JsonFields.object(f -> f.string("status", "not_ready")
                    .object("checks", now.checks()).string("error", now.error())));
        }
    }

    /** A 500 when nothing was sent yet; otherwise the half-sent answer is cut off when the exchange closes. */
    private static void internalError(HttpExchange exchange) {
        if (exchange.getResponseCode() != -1) {
            return;
        }
        try {
            Replies.json(exchange, 500, INTERNAL);
        } catch (Throwable ignored) {
            // The client is gone or the connection broken: closing the exchange is all that is left.
        }
    }
}
