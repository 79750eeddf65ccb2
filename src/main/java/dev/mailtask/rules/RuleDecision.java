package dev.mailtask.rules;

import java.util.Map;

/**
 * What the rules of one address decided for one mail. No side effects were taken: intake carries it out.
 *
 * @param address the rule set's address (e.g. {@code support})
 * @param action  the main action
 * @param task    the merged task settings: for CREATE_TASK, and for ADD_COMMENT should the task not be found
 *                and the rule say "if not found: create task"
 * @param comment the task to comment on; non-null exactly when the action is ADD_COMMENT
 * @param values  every extracted value by name (applied rules only; later rules override earlier)
 * @param trace   which rules matched, each condition's result, and why this action
 */
public record RuleDecision(
        String address,
        RuleAction action,
        TaskSettings task,
        CommentTarget comment,
        Map<String, String> values,
        Trace trace) {

    /** The trace's one-line reason. */
    public String why() {
        return trace.why();
    }
}
