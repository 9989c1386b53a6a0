package com.example.testapp.tomcat9;

import java.io.IOException;
import java.util.logging.Logger;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.example.testapp.javax.PlainText;

/** This app logs through java.util.logging only, which has no MDC: the answer is always "none". */
final class MdcServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(MdcServlet.class.getName());

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        LOG.info("mdc check");
        PlainText.write(response, "none");
    }
}
