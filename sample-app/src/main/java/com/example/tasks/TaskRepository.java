package com.example.tasks;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class TaskRepository {

    private static final String COLUMNS = "id, title, description, done, created_at";

    private final JdbcTemplate jdbc;

    public TaskRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Task> findAll() {
        return jdbc.query("SELECT " + COLUMNS + " FROM tasks ORDER BY id", TaskRepository::toTask);
    }

    public Optional<Task> findById(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM tasks WHERE id = ?", TaskRepository::toTask, id)
                .stream()
                .findFirst();
    }

    public Task save(Task task) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            // Naming the key column keeps PostgreSQL from returning every column as a "key".
            PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO tasks (title, description, done, created_at) VALUES (?, ?, ?, ?)",
                    new String[] {"id"});
            insert.setString(1, task.title());
            insert.setString(2, task.description());
            insert.setBoolean(3, task.done());
            insert.setObject(4, task.createdAt().atOffset(ZoneOffset.UTC));
            return insert;
        }, keys);
        return task.withId(keys.getKey().longValue());
    }

    public boolean update(Task task) {
        int updated = jdbc.update("UPDATE tasks SET title = ?, description = ?, done = ? WHERE id = ?",
                task.title(), task.description(), task.done(), task.id());
        return updated == 1;
    }

    public boolean deleteById(long id) {
        return jdbc.update("DELETE FROM tasks WHERE id = ?", id) == 1;
    }

    public TaskSummary summarize() {
        return jdbc.queryForObject(
                "SELECT COUNT(*), COALESCE(SUM(CASE WHEN done THEN 1 ELSE 0 END), 0) FROM tasks",
                (rs, rowNum) -> new TaskSummary(rs.getLong(1), rs.getLong(2)));
    }

    private static Task toTask(ResultSet rs, int rowNum) throws SQLException {
        return new Task(
                rs.getLong("id"),
                rs.getString("title"),
                rs.getString("description"),
                rs.getBoolean("done"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
