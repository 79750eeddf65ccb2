package dev.mailtask.tasks;

public enum TaskStatus {
    OPEN,
    CLOSED
}
