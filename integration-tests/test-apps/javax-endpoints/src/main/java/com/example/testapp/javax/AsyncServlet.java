package com.example.testapp.javax;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.servlet.AsyncContext;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** Starts async processing and completes it from another thread after ?delayMs= milliseconds. */
final class AsyncServlet extends HttpServlet {

    private static final ScheduledExecutorService COMPLETER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "async-completer");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        long delayMs = QueryParameters.longValue(request, "delayMs", 0);
        AsyncContext async = request.startAsync();
        COMPLETER.schedule(() -> {
            try {
                PlainText.write(async.getResponse(), "async done");
            } finally {
                async.complete();
            }
            return null;
        }, delayMs, TimeUnit.MILLISECONDS);
    }
}
