package com.example.testapp.javax;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Starts async processing with ?timeoutMs= and never completes it: the container's timeout handling answers. */
final class AsyncTimeoutServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        request.startAsync().setTimeout(QueryParameters.longValue(request, "timeoutMs", 1000));
    }
}
