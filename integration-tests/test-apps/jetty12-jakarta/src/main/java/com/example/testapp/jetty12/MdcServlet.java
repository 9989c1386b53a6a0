package com.example.testapp.jetty12;

import java.io.IOException;

import com.example.testapp.jakarta.PlainText;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/** Answers the request ID the application sees in Log4j 2's ThreadContext ("none" when absent). */
final class MdcServlet extends HttpServlet {

    private static final Logger LOG = LogManager.getLogger(MdcServlet.class);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = ThreadContext.get("request_id");
        LOG.info("mdc check");
        PlainText.write(response, requestId == null ? "none" : requestId);
    }
}
