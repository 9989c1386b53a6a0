package io.obsagent.server;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * {@code /metrics}: client_java's scrape handler (content negotiation, {@code name[]} filters, gzip) over the
 * side server's {@link SideExchange}. Only this small adapter is ours; client_java's {@code HTTPServer} is never
 * loaded, because its static initialiser sets JVM-wide system properties (agent/SPEC.md §6).
 */
final class ScrapeEndpoint {

    private static final String PROTOBUF = "application/vnd.google.protobuf";

    private final PrometheusScrapeHandler handler;

    ScrapeEndpoint(PrometheusRegistry registry) {
        this.handler = new PrometheusScrapeHandler(PrometheusProperties.get(), registry);
    }

    /** Answers the scrape; a failure of the handler surfaces as an exception to the caller. */
    void handle(SideExchange exchange) throws IOException {
        Adapter adapter = new Adapter(exchange);
        handler.handleRequest(adapter);
        adapter.rethrow();
        adapter.respond();
    }

    /**
     * The Accept values without protobuf: the jar carries no protobuf writer (agent/SPEC.md §3), and client_java
     * would still choose its unavailable stub for such a scrape and fail it, where text serves every scraper.
     */
    static List<String> textOnly(List<String> accept) {
        List<String> text = new ArrayList<String>(accept.size());
        for (String value : accept) {
            text.add(value.replace(PROTOBUF, "x-no-protobuf"));
        }
        return text;
    }

    /** The three client_java views of one exchange, in one object: the exchange, its request and response. */
    private static final class Adapter implements PrometheusHttpExchange, PrometheusHttpRequest, PrometheusHttpResponse {

        private final SideExchange exchange;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        private int status = -1;
        private IOException ioFailure;
        private RuntimeException failure;

        Adapter(SideExchange exchange) {
            this.exchange = exchange;
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
            return exchange.request().rawQuery();
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            List<String> values = exchange.request().headers(name);
            if (values == null) {
                return null;
            }
            return Collections.enumeration("Accept".equalsIgnoreCase(name) ? textOnly(values) : values);
        }

        @Override
        public String getMethod() {
            return exchange.request().method();
        }

        @Override
        public String getRequestPath() {
            return exchange.request().rawPath();
        }

        @Override
        public void setHeader(String name, String value) {
            exchange.setHeader(name, value);
        }

        /** The body is collected whole; to HEAD only its length goes out. */
        @Override
        public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) {
            Replies.commonHeaders(exchange);
            status = statusCode;
            return body;
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
            // Nothing to release: the body is in memory until the exchange is answered.
        }

        void rethrow() throws IOException {
            if (ioFailure != null) {
                throw ioFailure;
            }
            if (failure != null) {
                throw failure;
            }
        }

        void respond() {
            if (status != -1) {
                exchange.respond(status, body.toByteArray());
            }
        }
    }
}
