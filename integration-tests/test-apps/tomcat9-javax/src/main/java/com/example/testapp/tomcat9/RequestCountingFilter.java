package com.example.testapp.tomcat9;

import java.io.IOException;

import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;

final class RequestCountingFilter implements Filter {

    private final AppMetrics metrics;

    RequestCountingFilter(AppMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(FilterConfig config) {
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        metrics.countRequest();
        chain.doFilter(request, response);
    }

    @Override
    public void destroy() {
    }
}
