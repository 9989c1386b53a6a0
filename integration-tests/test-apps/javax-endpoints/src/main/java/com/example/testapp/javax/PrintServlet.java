package com.example.testapp.javax;

import java.io.IOException;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Writes {@code lines} lines of its own to standard output, as an application that prints or logs to the
 * console does: each is "app-line " followed by the request's ID parameter, its number and padding.
 */
final class PrintServlet extends HttpServlet {

    static final String PADDING = "................................................................................";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long lines = QueryParameters.longValue(request, "lines", 1);
        String id = request.getParameter("id");
        for (long i = 0; i < lines; i++) {
            System.out.println("app-line " + id + " " + i + " " + PADDING);
        }
        PlainText.write(response, "printed");
    }
}
