package com.example.testapp.tomcat11;

import java.io.IOException;
import java.util.logging.Logger;

import com.example.testapp.jakarta.PlainText;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** The app logs through JUL, which has no MDC: it always answers "none". */
final class MdcServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(MdcServlet.class.getName());

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LOG.info("mdc check");
        PlainText.write(response, "none");
    }
}
