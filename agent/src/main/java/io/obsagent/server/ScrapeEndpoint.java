package io.obsagent.server;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * {@code /metrics}: client_java's scrape handler (content negotiation, {@code name[]} filters, gzip) over the
 * JDK's {@link HttpExchange}. Only this small adapter is ours; client_java's {@code HTTPServer} is never
 * loaded, because its static initialiser sets JVM-wide system properties (SPEC §6).
 */
final class ScrapeEndpoint {

    private final PrometheusScrapeHandler handler;

    ScrapeEndpoint(PrometheusRegistry registry) {
        this.handler = new PrometheusScrapeHandler(PrometheusProperties.get(), registry);
    }

    /** Answers the scrape; a failure after the headers went out surfaces as an exception to the caller. */
    void handle(HttpExchange exchange) throws IOException {
        Adapter adapter = new Adapter(exchange);
        handler.handleRequest(adapter);
        adapter.rethrow();
    }

    /** The three client_java views of one exchange, in one object: the exchange, its request and response. */
    private static final class Adapter implements PrometheusHttpExchange, PrometheusHttpRequest, PrometheusHttpResponse {

        private final HttpExchange exchange;
        private final boolean head;
        private IOException ioFailure;
        private RuntimeException failure;

        Adapter(HttpExchange exchange) {
            this.exchange = exchange;
            this.head = "HEAD".equals(exchange.getRequestMethod());
        }

        @Override
        public PrometheusHttpRequest getRequest() {
            return this;
        }

        @Override
        public PrometheusHttpResponse getResponse() {
            return this;
        }

        @Override
        public String getQueryString() {
            return exchange.getRequestURI().getRawQuery();
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            List<String> values = exchange.getRequestHeaders().get(name);
            return values == null ? null : Collections.enumeration(values);
        }

        @Override
        public String getMethod() {
            return exchange.getRequestMethod();
        }

        @Override
        public String getRequestPath() {
            return exchange.getRequestURI().getRawPath();
        }

        @Override
        public void setHeader(String name, String value) {
            exchange.getResponseHeaders().set(name, value);
        }

        /**
         * A HEAD answer goes out with length -1 and its body is thrown away: the JDK server logs a warning
         * through the platform logger for any other length, and the handler writes a gzip body even for HEAD.
         */
        @Override
        public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) throws IOException {
            Replies.commonHeaders(exchange);
            if (head) {
                exchange.sendResponseHeaders(statusCode, -1);
                return Replies.DISCARD;
            }
            exchange.sendResponseHeaders(statusCode, contentLength);
            return exchange.getResponseBody();
        }

        @Override
        public void handleException(IOException e) {
            ioFailure = e;
        }

        @Override
        public void handleException(RuntimeException e) {
            failure = e;
        }

        @Override
        public void close() {
            // The caller closes the exchange once, whatever happened.
        }

        void rethrow() throws IOException {
            if (ioFailure != null) {
                throw ioFailure;
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
