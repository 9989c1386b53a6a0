package com.example.testapp.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Orders: a path variable, a created resource, an exception that escapes the controller, and both kinds of
 * asynchronous answer (a DeferredResult completed by another thread, a Callable run by Spring's executor),
 * one of which fails; and what the application's logging context holds while it runs.
 */
@RestController
@RequestMapping("/orders")
public class OrdersController {

    private static final ScheduledExecutorService COMPLETER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "order-completer");
        thread.setDaemon(true);
        return thread;
    });

    private static final Logger LOG = LoggerFactory.getLogger(OrdersController.class);

    private final AtomicLong nextId = new AtomicLong(1000);

    @GetMapping("/{id}")
    public Map<String, Object> order(@PathVariable("id") long id) {
        return order(id, "book");
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> create(@RequestBody Map<String, Object> body) {
        return order(nextId.incrementAndGet(), String.valueOf(body.get("item")));
    }

    @GetMapping("/{id}/fail")
    public Map<String, Object> fail(@PathVariable("id") long id) {
        throw new IllegalStateException("boom");
    }

    @GetMapping("/{id}/deferred")
    public DeferredResult<Map<String, Object>> deferred(@PathVariable("id") long id,
                                                        @RequestParam(name = "delayMs", defaultValue = "0") long delayMs) {
        DeferredResult<Map<String, Object>> result = new DeferredResult<>();
        COMPLETER.schedule(() -> result.setResult(order(id, "deferred")), delayMs, TimeUnit.MILLISECONDS);
        return result;
    }

    @GetMapping("/{id}/callable")
    public Callable<Map<String, Object>> callable(@PathVariable("id") long id,
                                                  @RequestParam(name = "delayMs", defaultValue = "0") long delayMs) {
        return () -> {
            Thread.sleep(delayMs);
            return order(id, "callable");
        };
    }

    /** The request ID the application sees in its logging context (SLF4J's MDC), or "none". */
    @GetMapping(path = "/{id}/mdc", produces = "text/plain")
    public String mdc(@PathVariable("id") long id) {
        String requestId = MDC.get("request_id");
        LOG.info("mdc check for order {}", id);
        return requestId == null ? "none" : requestId;
    }

    @GetMapping("/{id}/callable-fail")
    public Callable<Map<String, Object>> callableFail(@PathVariable("id") long id) {
        return () -> {
            throw new IllegalStateException("boom");
        };
    }

    private static Map<String, Object> order(long id, String item) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", id);
        order.put("item", item);
        return order;
    }
}
