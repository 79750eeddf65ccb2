package dev.mailtask.intake;

/**
 * One of our addresses a mail is for, as resolved against the directory.
 *
 * @param address the address as written in the mail, lower-cased
 * @param kind    what the address is
 * @param id      database id of the employee, virtual address, project or task; null for {@code TASK_SEARCH}
 *                and {@code UNKNOWN}
 */
public record Recipient(String address, Kind kind, Long id) {

    public enum Kind {
        EMPLOYEE,
        VIRTUAL_ADDRESS,
        PROJECT,
        /** {@code task+N@} or {@code task.N@}: a comment on task N. */
        TASK,
        /** {@code task+@}: a comment on the first task whose title holds the subject's {@code #text}. */
        TASK_SEARCH,
        /** At one of our domains but nothing there: an old login, a deleted virtual address, no such task. */
        UNKNOWN
    }

    public boolean known() {
        return kind != Kind.UNKNOWN;
    }
}
