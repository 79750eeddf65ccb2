package dev.mailtask.rules;

/**
 * The task "add comment" names.
 *
 * @param taskNumber the task number when the reference is one (digits, optionally after '#'), else null
 * @param reference  the reference as the rule rendered it (e.g. an extracted order number), never empty
 * @param ifNotFound what to do when no task is found by it
 */
public record CommentTarget(Long taskNumber, String reference, IfNotFound ifNotFound) {
}
