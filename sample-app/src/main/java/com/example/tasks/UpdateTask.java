package com.example.tasks;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Full replacement of a task's editable fields (PUT semantics). */
public record UpdateTask(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 2000) String description,
        boolean done) {
}
