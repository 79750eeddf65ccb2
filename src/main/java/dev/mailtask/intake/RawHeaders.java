package dev.mailtask.intake;

import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;

/**
 * The few header values an operator needs to recognise a mail the parser refused (Message-ID, From,
 * Subject), read leniently from the raw header block. Never throws.
 */
record RawHeaders(String messageId, String inReplyTo, String from, String subject) {

    static RawHeaders read(byte[] raw) {
        try {
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw));
            return new RawHeaders(id(headers.getHeader("Message-ID", null)), id(headers.getHeader("In-Reply-To", null)),
                    text(headers.getHeader("From", null)), text(headers.getHeader("Subject", null)));
        } catch (Exception | StackOverflowError e) {
            return new RawHeaders(null, null, null, null);
        }
    }

    private static String id(String value) {
        if (value == null) {
            return null;
        }
        String id = value.trim();
        if (id.startsWith("<") && id.indexOf('>') > 0) {
            id = id.substring(1, id.indexOf('>'));
        }
        return id.isEmpty() ? null : id;
    }

    private static String text(String value) {
        if (value == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value)).trim();
        } catch (Exception e) {
            return value.trim();
        }
    }
}
