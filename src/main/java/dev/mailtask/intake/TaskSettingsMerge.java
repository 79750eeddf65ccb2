package dev.mailtask.intake;

import dev.mailtask.rules.TaskSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Merges the task settings of several addresses' rule sets: later values win, lists join, fields merge. */
final class TaskSettingsMerge {

    private TaskSettingsMerge() {
    }

    static TaskSettings merge(List<TaskSettings> all) {
        TaskSettings merged = TaskSettings.NONE;
        for (TaskSettings next : all) {
            Map<String, String> fields = new LinkedHashMap<>(merged.fields());
            fields.putAll(next.fields());
            merged = new TaskSettings(
                    next.project() != null ? next.project() : merged.project(),
                    next.title() != null ? next.title() : merged.title(),
                    join(merged.assignees(), next.assignees()),
                    join(merged.participants(), next.participants()),
                    join(merged.auditors(), next.auditors()),
                    next.descriptionPrefix() != null ? next.descriptionPrefix() : merged.descriptionPrefix(),
                    next.descriptionSuffix() != null ? next.descriptionSuffix() : merged.descriptionSuffix(),
                    next.status() != null ? next.status() : merged.status(),
                    fields);
        }
        return merged;
    }

    private static List<String> join(List<String> a, List<String> b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        LinkedHashSet<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }
}
