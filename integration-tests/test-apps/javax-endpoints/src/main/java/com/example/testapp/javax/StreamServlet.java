package com.example.testapp.javax;

import java.io.IOException;
import java.io.PrintWriter;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Writes ?failAfter= lines, flushing each so the response is committed, then fails. */
final class StreamServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long lines = QueryParameters.longValue(request, "failAfter", 3);
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        for (long line = 1; line <= lines; line++) {
            out.println("line " + line);
            out.flush();
        }
        throw new IllegalStateException("stream failed");
    }
}
