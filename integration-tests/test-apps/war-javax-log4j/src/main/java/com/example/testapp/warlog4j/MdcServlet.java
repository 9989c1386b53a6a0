package com.example.testapp.warlog4j;

import java.io.IOException;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.example.testapp.javax.PlainText;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/**
 * Answers the request ID this webapp's own Log4j 2 sees in its ThreadContext ("none" when absent), and logs it.
 * With {@code ?fail} it also logs an error with an exception.
 */
final class MdcServlet extends HttpServlet {

    private static final Logger LOG = LogManager.getLogger(MdcServlet.class);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = ThreadContext.get("request_id");
        LOG.info("mdc check in {}", request.getContextPath());
        if (request.getParameter("fail") != null) {
            LOG.error("mdc check failed", new IllegalStateException("boom"));
        }
        PlainText.write(response, requestId == null ? "none" : requestId);
    }
}
