package com.example.tasks;

import java.time.Instant;

public record Task(Long id, String title, String description, boolean done, Instant createdAt) {

    public Task withId(long newId) {
        return new Task(newId, title, description, done, createdAt);
    }
}
