package dev.mailtask.rules;

/**
 * A rule's main action as written: its type, the task settings of "create task", and the task reference
 * and fallback of "add comment".
 */
record MainAction(RuleAction type, TaskPatch task, Template commentTask, IfNotFound ifNotFound) {

    static MainAction simple(RuleAction type) {
        return new MainAction(type, TaskPatch.EMPTY, null, null);
    }
}
