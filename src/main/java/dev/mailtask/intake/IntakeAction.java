package dev.mailtask.intake;

/** What intake decided to do with a mail; the intake route branches on it. */
public enum IntakeAction {
    CREATE_TASK,
    REJECT,
    QUARANTINE,
    /** Already recorded for this account: acknowledge it on the server and do nothing else. */
    DUPLICATE
}
