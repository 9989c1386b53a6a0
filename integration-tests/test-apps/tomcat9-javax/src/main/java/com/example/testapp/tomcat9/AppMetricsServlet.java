package com.example.testapp.tomcat9;

import java.io.IOException;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import io.prometheus.client.exporter.common.TextFormat;

/** /app-metrics: the application's own registry in Prometheus text format. */
final class AppMetricsServlet extends HttpServlet {

    private final AppMetrics metrics;

    AppMetricsServlet(AppMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType(TextFormat.CONTENT_TYPE_004);
        metrics.writeTextFormat(response.getWriter());
    }
}
