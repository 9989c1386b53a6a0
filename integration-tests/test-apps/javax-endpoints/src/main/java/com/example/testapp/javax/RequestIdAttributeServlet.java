package com.example.testapp.javax;

import java.io.IOException;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Answers the request attribute obs.request_id, which the agent sets for application code ("none" when absent). */
final class RequestIdAttributeServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object requestId = request.getAttribute("obs.request_id");
        PlainText.write(response, requestId == null ? "none" : requestId.toString());
    }
}
