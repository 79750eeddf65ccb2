package dev.mailtask.intake;

/**
 * A failure that will pass by itself (the database is unreachable): the mail must stay on the server,
 * unmarked, to be polled again. Every other failure quarantines the mail.
 */
public class TransientIntakeException extends RuntimeException {

    public TransientIntakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
