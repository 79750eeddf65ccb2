package dev.mailtask.mail;

/** Turns the raw RFC 822 bytes of one mail into an {@link InboundMail}. Thread-safe; no Camel. */
public final class MailParser {

    public InboundMail parse(byte[] raw) throws MailParseException {
        throw new MailParseException("not implemented yet");
    }
}
