package dev.mailtask.intake;

public enum MessageStatus {
    /** Turned into a task or comment. */
    PROCESSED,
    /** Addressed to nothing we know (old login, deleted virtual address): recorded, nothing created. */
    REJECTED,
    /** Could not be processed; raw bytes and the error are kept for re-processing. */
    QUARANTINED,
    /** Deliberately not acted on (a rule said so, an auto-reply, a bounce). */
    IGNORED,
    /** The same mail as one recorded before (polled again, delivered twice): recorded, nothing done. */
    DUPLICATE
}
