package com.example.tasks;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

@Component
public class TaskExporter {

    private static final String CSV_HEADER = "id,title,description,done,createdAt";

    private final ObjectMapper objectMapper;

    public TaskExporter(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public String toJson(Task task) {
        try {
            return objectMapper.writeValueAsString(task);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write task " + task.id() + " as JSON", e);
        }
    }

    public String toCsv(Task task) {
        String row = Stream.of(
                        String.valueOf(task.id()),
                        task.title(),
                        task.description() == null ? "" : task.description(),
                        String.valueOf(task.done()),
                        task.createdAt().toString())
                .map(TaskExporter::csvField)
                .collect(Collectors.joining(","));
        return CSV_HEADER + "\r\n" + row + "\r\n";
    }

    /** Quotes a field as RFC 4180 requires when it holds a separator, a quote or a line break. */
    private static String csvField(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
