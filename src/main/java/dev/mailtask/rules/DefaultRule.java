package dev.mailtask.rules;

/**
 * The rule after all others: its action (create task or ignore) is taken when no matching rule chose a main
 * action, and its task settings are the base every matching rule's settings override.
 */
record DefaultRule(MainAction action, TaskPatch settings) {

    static final DefaultRule CREATE_TASK = new DefaultRule(MainAction.simple(RuleAction.CREATE_TASK), TaskPatch.EMPTY);

    /** The action's "create task" settings with the {@code set:} settings over them. */
    TaskPatch base() {
        return action.task().then(settings);
    }
}
