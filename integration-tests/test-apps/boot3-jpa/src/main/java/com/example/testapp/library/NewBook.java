package com.example.testapp.library;

import jakarta.validation.constraints.NotBlank;

/** The body of {@code POST /books}: invalid ones are answered 400 by Spring's validation. */
public record NewBook(@NotBlank String title, @NotBlank String author) {
}
