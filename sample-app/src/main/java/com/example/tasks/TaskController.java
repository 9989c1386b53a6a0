package com.example.tasks;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/tasks")
public class TaskController {

    private static final long MAX_SUMMARY_DELAY_MS = 10_000;
    private static final long MAX_WATCH_TIMEOUT_MS = 60_000;

    private final TaskService service;
    private final ObjectMapper objectMapper;

    public TaskController(TaskService service, ObjectMapper objectMapper) {
        this.service = service;
        this.objectMapper = objectMapper;
    }

    @GetMapping
    public List<Task> list() {
        return service.list();
    }

    @PostMapping
    public ResponseEntity<Task> create(@Valid @RequestBody NewTask request) {
        Task task = service.create(request);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{id}")
                .buildAndExpand(task.id())
                .toUri();
        return ResponseEntity.created(location).body(task);
    }

    @GetMapping("/{id}")
    public Task get(@PathVariable long id) {
        return service.get(id);
    }

    @PutMapping("/{id}")
    public Task update(@PathVariable long id, @Valid @RequestBody UpdateTask request) {
        return service.update(id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@PathVariable long id) {
        service.delete(id);
    }

    @GetMapping("/{id}/export")
    public ResponseEntity<String> export(@PathVariable long id, @RequestParam(defaultValue = "json") String format) {
        TaskExport export = service.export(id, format);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(export.contentType()))
                .body(export.body());
    }

    @GetMapping("/summary")
    public Callable<TaskSummary> summary(@RequestParam(defaultValue = "0") long delayMs) {
        long delay = clamp(delayMs, 0, MAX_SUMMARY_DELAY_MS);
        return () -> {
            Thread.sleep(delay);
            return service.summary();
        };
    }

    /** Long-poll for changes to a task. No change is ever published, so every watch ends in the timeout (503). */
    @GetMapping("/{id}/watch")
    public DeferredResult<Task> watch(@RequestParam(defaultValue = "1000") long timeoutMs) {
        return new DeferredResult<>(clamp(timeoutMs, 1, MAX_WATCH_TIMEOUT_MS));
    }

    /**
     * Writes the tasks as NDJSON, flushing each line so the response is committed early.
     * With failAfter, the stream breaks off with an exception after that many lines.
     */
    @GetMapping("/stream")
    public void stream(@RequestParam(required = false) Integer failAfter, HttpServletResponse response)
            throws IOException {
        List<Task> tasks = service.list();
        int lines = failAfter == null ? tasks.size() : (int) clamp(failAfter, 0, tasks.size());
        response.setContentType("application/x-ndjson");
        response.setCharacterEncoding("UTF-8");
        PrintWriter out = response.getWriter();
        for (Task task : tasks.subList(0, lines)) {
            out.write(objectMapper.writeValueAsString(task));
            out.write('\n');
            out.flush();
        }
        if (failAfter != null) {
            throw new IllegalStateException("stream failed");
        }
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(value, max));
    }
}
