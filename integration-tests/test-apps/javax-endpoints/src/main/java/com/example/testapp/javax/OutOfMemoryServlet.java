package com.example.testapp.javax;

import java.io.IOException;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Asks for an array larger than any test heap: the JVM throws OutOfMemoryError at once, without filling the
 * heap, so the rest of the process is not starved and the error escapes the servlet.
 */
final class OutOfMemoryServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long[] huge = new long[Integer.MAX_VALUE - 8];
        PlainText.write(response, "allocated " + huge.length);
    }
}
