package com.example.testapp.warlogback;

import java.io.IOException;

import com.example.testapp.jakarta.PlainText;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Answers the request ID this webapp's own SLF4J/Logback sees in its MDC ("none" when absent), and logs it. */
final class MdcServlet extends HttpServlet {

    private static final Logger LOG = LoggerFactory.getLogger(MdcServlet.class);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = MDC.get("request_id");
        LOG.info("mdc check in {}", request.getContextPath());
        PlainText.write(response, requestId == null ? "none" : requestId);
    }
}
