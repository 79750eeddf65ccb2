package dev.mailtask.rules;

/** What "add comment" does when the task it names does not exist. */
public enum IfNotFound {
    IGNORE("ignore"),
    CREATE_TASK("create task");

    private final String label;

    IfNotFound(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public RuleAction action() {
        return this == IGNORE ? RuleAction.IGNORE : RuleAction.CREATE_TASK;
    }
}
