package dev.mailtask.mail;

/** The bytes are not a mail we can read; the message says why in words an operator understands. */
public class MailParseException extends Exception {

    public MailParseException(String message) {
        super(message);
    }

    public MailParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
