package com.example.testapp.javax;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Recurses until the thread's stack overflows: the StackOverflowError escapes the servlet. */
final class StackOverflowServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Depth", String.valueOf(recurse(0)));
    }

    private static long recurse(long depth) {
        return recurse(depth + 1) + 1;
    }
}
