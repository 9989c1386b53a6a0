package com.example.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TaskApiTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() {};

    @Autowired
    private TestRestTemplate http;

    @Test
    void createGetUpdateDelete() {
        ResponseEntity<Task> created = http.postForEntity("/api/v1/tasks",
                Map.of("title", "Write report", "description", "quarterly"), Task.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        Task task = created.getBody();
        assertThat(task.id()).isNotNull();
        assertThat(task.done()).isFalse();
        assertThat(task.createdAt()).isNotNull();
        assertThat(created.getHeaders().getLocation()).hasPath("/api/v1/tasks/" + task.id());

        String url = "/api/v1/tasks/" + task.id();
        assertThat(http.getForObject(url, Task.class)).isEqualTo(task);

        ResponseEntity<Task> updated = http.exchange(url, HttpMethod.PUT,
                new HttpEntity<>(Map.of("title", "Write report", "done", true)), Task.class);
        assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(updated.getBody().done()).isTrue();
        assertThat(updated.getBody().createdAt()).isEqualTo(task.createdAt());

        ResponseEntity<Void> deleted = http.exchange(url, HttpMethod.DELETE, null, Void.class);
        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        ResponseEntity<Map<String, Object>> missing = http.exchange(url, HttpMethod.GET, null, JSON_OBJECT);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getBody())
                .containsEntry("error", "not_found")
                .containsEntry("message", "Task " + task.id() + " not found");
        assertThat(http.exchange(url, HttpMethod.DELETE, null, Void.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void listsCreatedTasks() {
        Task task = create("List me");

        ResponseEntity<Task[]> list = http.getForEntity("/api/v1/tasks", Task[].class);

        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(list.getBody()).contains(task);
    }

    @Test
    void rejectsMissingOrBlankTitle() {
        assertThat(http.postForEntity("/api/v1/tasks", Map.of("description", "no title"), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.postForEntity("/api/v1/tasks", Map.of("title", "  "), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void updateOfUnknownTaskIsNotFound() {
        ResponseEntity<String> response = http.exchange("/api/v1/tasks/999999", HttpMethod.PUT,
                new HttpEntity<>(Map.of("title", "ghost")), String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void exportsJsonAndCsv() {
        Task task = create("Export, \"quoted\"");
        String url = "/api/v1/tasks/" + task.id() + "/export?format=";

        ResponseEntity<Task> json = http.getForEntity(url + "json", Task.class);
        assertThat(json.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        assertThat(json.getBody()).isEqualTo(task);

        ResponseEntity<String> csv = http.getForEntity(url + "csv", String.class);
        assertThat(csv.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
        assertThat(csv.getBody()).isEqualTo("id,title,description,done,createdAt\r\n"
                + task.id() + ",\"Export, \"\"quoted\"\"\",,false," + task.createdAt() + "\r\n");
    }

    @Test
    void exportInUnknownFormatIsAnUnhandledServerError() {
        Task task = create("Export me");

        ResponseEntity<Map<String, Object>> response = http.exchange(
                "/api/v1/tasks/" + task.id() + "/export?format=xml", HttpMethod.GET, null, JSON_OBJECT);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(response.getBody()).containsEntry("path", "/api/v1/tasks/" + task.id() + "/export");
    }

    @Test
    void summaryAnswersAsynchronously() {
        create("Counted");

        ResponseEntity<Map<String, Object>> response =
                http.exchange("/api/v1/tasks/summary?delayMs=50", HttpMethod.GET, null, JSON_OBJECT);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).containsOnlyKeys("count", "done");
        assertThat(((Number) response.getBody().get("count")).longValue()).isPositive();
    }

    @Test
    void watchTimesOutWithServiceUnavailable() {
        ResponseEntity<String> response = http.getForEntity("/api/v1/tasks/1/watch?timeoutMs=100", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void streamsTasksAsNdjson() {
        Task task = create("Streamed");

        ResponseEntity<String> response = http.getForEntity("/api/v1/tasks/stream", String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/x-ndjson");
        assertThat(response.getBody().lines())
                .allMatch(line -> line.startsWith("{\"id\":"))
                .anyMatch(line -> line.startsWith("{\"id\":" + task.id() + ",\"title\":\"Streamed\""));
    }

    private Task create(String title) {
        return http.postForObject("/api/v1/tasks", Map.of("title", title), Task.class);
    }
}
