package com.example.testapp.tomcat9;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.example.testapp.javax.PlainText;

/**
 * This app logs through java.util.logging only, which has no MDC: the answer is always "none".
 * With {@code ?fail} it also logs an error with an exception.
 */
final class MdcServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(MdcServlet.class.getName());

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LOG.info("mdc check");
        if (request.getParameter("fail") != null) {
            LOG.log(Level.SEVERE, "mdc check failed", new IllegalStateException("boom"));
        }
        PlainText.write(response, "none");
    }
}
