package com.example.testapp.javax;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;

import javax.servlet.ServletOutputStream;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Writes ?lines= lines, flushing each and pausing ?delayMs= after it: a response a client can hang up on midway,
 * after which the container's IOException (Jetty's EofException, Tomcat's ClientAbortException) escapes.
 */
final class SlowStreamServlet extends HttpServlet {

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long lines = QueryParameters.longValue(request, "lines", 10);
        long delayMs = QueryParameters.longValue(request, "delayMs", 100);
        response.setContentType("text/plain;charset=UTF-8");
        ServletOutputStream out = response.getOutputStream();
        for (long line = 1; line <= lines; line++) {
            out.write(("line " + line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted after line " + line);
            }
        }
    }
}
