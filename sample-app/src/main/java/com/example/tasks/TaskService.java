package com.example.tasks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

@Service
public class TaskService {

    private static final Logger log = LoggerFactory.getLogger(TaskService.class);

    private final TaskRepository repository;
    private final TaskExporter exporter;

    public TaskService(TaskRepository repository, TaskExporter exporter) {
        this.repository = repository;
        this.exporter = exporter;
    }

    public Task create(NewTask request) {
        // Millisecond precision survives a round trip through both H2 and PostgreSQL unchanged.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Task task = repository.save(new Task(null, request.title(), request.description(), false, now));
        log.info("task created id={}", task.id());
        return task;
    }

    public Task get(long id) {
        return repository.findById(id).orElseThrow(() -> new TaskNotFoundException(id));
    }

    public List<Task> list() {
        return repository.findAll();
    }

    public Task update(long id, UpdateTask request) {
        Task current = get(id);
        Task updated = new Task(id, request.title(), request.description(), request.done(), current.createdAt());
        if (!repository.update(updated)) {
            throw new TaskNotFoundException(id);
        }
        log.info("task updated id={}", id);
        return updated;
    }

    public void delete(long id) {
        if (!repository.deleteById(id)) {
            throw new TaskNotFoundException(id);
        }
        log.info("task deleted id={}", id);
    }

    public TaskSummary summary() {
        return repository.summarize();
    }

    public TaskExport export(long id, String format) {
        Task task = get(id);
        return switch (format) {
            case "json" -> new TaskExport("application/json", exporter.toJson(task));
            case "csv" -> new TaskExport("text/csv;charset=UTF-8", exporter.toCsv(task));
            default -> throw new IllegalStateException("Unsupported export format: " + format);
        };
    }
}
