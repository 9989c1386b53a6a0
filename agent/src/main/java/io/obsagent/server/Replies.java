package io.obsagent.server;

import java.nio.charset.StandardCharsets;

/** Writes the side server's answers: JSON bodies, and the headers every answer carries. */
final class Replies {

    private Replies() {
    }

    /** Probe and scrape answers are about this instant: no cache may keep them, and no browser may sniff them. */
    static void commonHeaders(SideExchange exchange) {
        exchange.setHeader("Cache-Control", "no-store");
        exchange.setHeader("X-Content-Type-Options", "nosniff");
    }

    /** Answers with a JSON body (to {@code HEAD}: the same headers, {@code Content-Length} included, and no body). */
    static void json(SideExchange exchange, int status, String json) {
        commonHeaders(exchange);
        exchange.setHeader("Content-Type", "application/json");
        exchange.respond(status, json.getBytes(StandardCharsets.UTF_8));
    }
}
