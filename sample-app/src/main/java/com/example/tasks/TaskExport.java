package com.example.tasks;

public record TaskExport(String contentType, String body) {
}
