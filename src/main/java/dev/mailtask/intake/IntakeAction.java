package dev.mailtask.intake;

/** What intake decided to do with a mail; the intake route branches on it. */
public enum IntakeAction {
    CREATE_TASK,
    /** A comment on an existing task (task address, or {@code task+@} with {@code #text} that found one). */
    ADD_COMMENT,
    /** The rules said: only find or create the sender's contact. */
    CONTACT_ONLY,
    REJECT,
    /** Recorded and nothing else: bounces, auto-replies, feedback reports, read receipts. */
    IGNORE,
    QUARANTINE,
    /** Already recorded for this account: acknowledge it on the server and do nothing else. */
    DUPLICATE
}
