package dev.mailtask.rules;

import dev.mailtask.tasks.TaskStatus;
import java.util.List;
import java.util.Map;

/**
 * The task settings the matching rules merged (later rules override earlier ones, the default rule's
 * settings are the base), with every template filled in. A null component was set by no rule: intake uses
 * its own default (the address's project, the subject as title, the addressed employee as assignee, the Cc
 * as participants, status open).
 *
 * @param project           project number
 * @param title             task title
 * @param assignees         employee logins
 * @param participants      employee logins
 * @param auditors          employee logins
 * @param descriptionPrefix text put before the mail's body in the description
 * @param descriptionSuffix text put after it
 * @param status            the task's status
 * @param fields            further task fields by name (set with {@code set: fields:}); empty when none
 */
public record TaskSettings(
        Integer project,
        String title,
        List<String> assignees,
        List<String> participants,
        List<String> auditors,
        String descriptionPrefix,
        String descriptionSuffix,
        TaskStatus status,
        Map<String, String> fields) {

    public static final TaskSettings NONE = new TaskSettings(null, null, null, null, null, null, null, null, Map.of());

    public TaskSettings {
        assignees = assignees == null ? null : List.copyOf(assignees);
        participants = participants == null ? null : List.copyOf(participants);
        auditors = auditors == null ? null : List.copyOf(auditors);
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }
}
