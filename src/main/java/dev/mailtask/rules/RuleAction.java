package dev.mailtask.rules;

/** The main action a rule set chose for a mail. */
public enum RuleAction {
    /** Create a task with the merged {@link TaskSettings}. */
    CREATE_TASK("create task"),
    /** Add the mail as a comment to the task named by {@link CommentTarget}. */
    ADD_COMMENT("add comment"),
    /** Only find or create the sender's contact; no task. */
    CONTACT_ONLY("contact only"),
    /** Record the mail and do nothing else. */
    IGNORE("ignore");

    private final String label;

    RuleAction(String label) {
        this.label = label;
    }

    /** The words a rule file and a trace use: "create task", "add comment", "contact only", "ignore". */
    public String label() {
        return label;
    }
}
