package dev.mailtask.rules;

import dev.mailtask.tasks.TaskStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Task settings as one rule writes them (templates, unset = null); merged in rule order, then rendered. */
record TaskPatch(
        Template project,
        Template title,
        List<Template> assignees,
        List<Template> participants,
        List<Template> auditors,
        Template descriptionPrefix,
        Template descriptionSuffix,
        TaskStatus status,
        Map<String, Template> fields) {

    static final TaskPatch EMPTY = new TaskPatch(null, null, null, null, null, null, null, null, Map.of());

    boolean isEmpty() {
        return equals(EMPTY);
    }

    /** These settings with the ones {@code later} sets replacing them (fields merge by name). */
    TaskPatch then(TaskPatch later) {
        if (later.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return later;
        }
        Map<String, Template> merged = fields;
        if (!later.fields.isEmpty()) {
            merged = new LinkedHashMap<>(fields);
            merged.putAll(later.fields);
        }
        return new TaskPatch(pick(project, later.project), pick(title, later.title),
                join(assignees, later.assignees), join(participants, later.participants),
                join(auditors, later.auditors), pick(descriptionPrefix, later.descriptionPrefix),
                pick(descriptionSuffix, later.descriptionSuffix), pick(status, later.status), merged);
    }

    private static <T> T pick(T earlier, T later) {
        return later != null ? later : earlier;
    }

    /** People add up: "urgent → also Alice" must not drop the assignee an earlier rule chose. */
    private static <T> List<T> join(List<T> earlier, List<T> later) {
        if (earlier == null || later == null) {
            return later != null ? later : earlier;
        }
        List<T> all = new ArrayList<>(earlier);
        all.addAll(later);
        return all;
    }

    /** Every template, for checking that the names they use exist. */
    List<Template> templates() {
        List<Template> all = new ArrayList<>();
        for (Template t : new Template[] {project, title, descriptionPrefix, descriptionSuffix}) {
            if (t != null) {
                all.add(t);
            }
        }
        for (List<Template> list : List.of(nonNull(assignees), nonNull(participants), nonNull(auditors))) {
            all.addAll(list);
        }
        all.addAll(fields.values());
        return all;
    }

    private static List<Template> nonNull(List<Template> list) {
        return list == null ? List.of() : list;
    }

    TaskSettings render(Map<String, String> values, List<String> notes) {
        if (isEmpty()) {
            return TaskSettings.NONE;
        }
        Integer number = null;
        if (project != null) {
            String text = project.render(values).strip();
            if (text.startsWith("#")) {
                text = text.substring(1).strip();
            }
            if (text.matches("\\d{1,9}") && Integer.parseInt(text) > 0) {
                number = Integer.parseInt(text);
            } else {
                notes.add("project '" + project.text() + "' gave '" + Words.shorten(text)
                        + "', not a project number; the address's own project applies");
            }
        }
        Map<String, String> renderedFields = new LinkedHashMap<>();
        fields.forEach((name, t) -> renderedFields.put(name, t.render(values)));
        return new TaskSettings(number, text(title, values), logins(assignees, values), logins(participants, values),
                logins(auditors, values), raw(descriptionPrefix, values), raw(descriptionSuffix, values), status,
                renderedFields);
    }

    private static String text(Template t, Map<String, String> values) {
        if (t == null) {
            return null;
        }
        String s = t.render(values).strip();
        return s.isEmpty() ? null : s;
    }

    private static String raw(Template t, Map<String, String> values) {
        return t == null ? null : t.render(values);
    }

    private static List<String> logins(List<Template> list, Map<String, String> values) {
        if (list == null) {
            return null;
        }
        Set<String> logins = new LinkedHashSet<>();
        for (Template t : list) {
            String login = t.render(values).strip();
            if (!login.isEmpty()) {
                logins.add(login);
            }
        }
        return List.copyOf(logins);
    }
}
