package com.example.testapp.jetty9;

import java.io.IOException;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.example.testapp.javax.PlainText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Answers the request ID (or the MDC key {@code ?key=}) the application sees in SLF4J's MDC ("none" when absent).
 * With {@code ?fail} it also logs an error with an exception.
 */
final class MdcServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(MdcServlet.class);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String key = request.getParameter("key");
        String requestId = MDC.get(key == null ? "request_id" : key);
        LOG.info("mdc check");
        if (request.getParameter("fail") != null) {
            LOG.error("mdc check failed", new IllegalStateException("boom"));
        }
        PlainText.write(response, requestId == null ? "none" : requestId);
    }
}
