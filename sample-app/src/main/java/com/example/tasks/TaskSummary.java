package com.example.tasks;

public record TaskSummary(long count, long done) {
}
