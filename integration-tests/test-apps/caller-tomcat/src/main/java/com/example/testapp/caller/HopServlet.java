package com.example.testapp.caller;

import java.io.IOException;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** GET /hop?kind=K runs one hand-off of that kind and answers when it ran; /hop?late=TAG leaves a task that runs later. */
final class HopServlet extends HttpServlet {

    private final Hops hops;

    HopServlet(Hops hops) {
        this.hops = hops;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            String late = req.getParameter("late");
            if (late != null) {
                hops.late(late);
            } else {
                hops.run(req.getParameter("kind"));
            }
        } catch (Exception e) {
            throw new IOException(e);
        }
        resp.setContentType("text/plain");
        resp.getWriter().write("ok");
    }
}
