package dev.mailtask.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtask.store.Database;
import dev.mailtask.tasks.Task;
import dev.mailtask.tasks.TaskStatus;

/** Changing a task over REST: {@code PUT /api/tasks/{id}} with {@code {"status": "CLOSED"}} (or OPEN). */
public final class TasksApi {

    private final Database database;
    private final ReadApi read;

    public TasksApi(Database database, ReadApi read) {
        this.database = database;
        this.read = read;
    }

    /** "Mark as spam": the task is deleted and its sender's contact blocked; returns what was blocked. */
    public java.util.Map<String, Object> spam(String id) {
        long taskId = ReadApi.id("task", id);
        return database.inTransaction(s -> {
            Task task = s.find(Task.class, taskId);
            if (task == null) {
                throw ApiException.notFound("no task " + taskId);
            }
            String blocked = null;
            if (task.assignerContact() != null) {
                task.assignerContact().markSpammer(true);
                blocked = task.assignerContact().email();
            }
            s.createMutationQuery("update Task t set t.follows = null where t.follows = :t").setParameter("t", task)
                    .executeUpdate();
            s.createMutationQuery("update MessageRecord m set m.taskId = null, m.commentId = null where m.taskId = :id")
                    .setParameter("id", taskId).executeUpdate();
            s.remove(task);
            java.util.Map<String, Object> answer = new java.util.LinkedHashMap<>();
            answer.put("deletedTask", taskId);
            answer.put("blockedSender", blocked);
            return answer;
        });
    }

    public Views.TaskDetail update(String id, String body) {
        long taskId = ReadApi.id("task", id);
        JsonNode json = JsonBody.parse(body, JsonBody.text("status", 20));
        TaskStatus status = ReadApi.enumValue(TaskStatus.class, "status", json.path("status").asText(""));
        database.run(s -> {
            Task task = s.find(Task.class, taskId);
            if (task == null) {
                throw ApiException.notFound("no task " + taskId);
            }
            task.setStatus(status);
        });
        return read.task(id);
    }
}
