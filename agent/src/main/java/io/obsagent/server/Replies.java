package io.obsagent.server;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the side server's answers: JSON bodies, and the headers every answer carries. */
final class Replies {

    /** Where the body of an answer to HEAD goes. */
    static final OutputStream DISCARD = new OutputStream() {
        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    };

    private Replies() {
    }

    /** Probe and scrape answers are about this instant: no cache may keep them, and no browser may sniff them. */
    static void commonHeaders(HttpExchange exchange) {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
    }

    /**
     * Sends a JSON body. To HEAD the same headers go out, {@code Content-Length} included, and no body;
     * length -1 is what the JDK server expects for HEAD (it logs a warning for anything else).
     */
    static void json(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        commonHeaders(exchange);
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        if ("HEAD".equals(exchange.getRequestMethod())) {
            headers.set("Content-Length", Integer.toString(body.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body);
        out.close();
    }
}
