package dev.mailtask.mail;

/** One header field as it appears in the mail, with its value unfolded and RFC 2047-decoded. */
public record MailHeader(String name, String value) {
}
