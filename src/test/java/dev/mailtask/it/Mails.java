package dev.mailtask.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Raw test mails, written out as a mail client would send them. */
final class Mails {

    private Mails() {
    }

    static byte[] simple(String messageId, String from, String to, String cc, String subject, String body) {
        StringBuilder mail = new StringBuilder();
        mail.append("From: ").append(from).append("\r\n");
        mail.append("To: ").append(to).append("\r\n");
        if (cc != null) {
            mail.append("Cc: ").append(cc).append("\r\n");
        }
        mail.append("Subject: ").append(subject).append("\r\n");
        mail.append("Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n");
        if (messageId != null) {
            mail.append("Message-ID: <").append(messageId).append(">\r\n");
        }
        mail.append("MIME-Version: 1.0\r\n");
        mail.append("Content-Type: text/plain; charset=UTF-8\r\n");
        mail.append("Content-Transfer-Encoding: 8bit\r\n\r\n");
        mail.append(body.replace("\n", "\r\n")).append("\r\n");
        return mail.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] withAttachment(String messageId, String from, String to, String cc, String subject, String body,
            String fileName, byte[] content) {
        String boundary = "b-" + messageId.hashCode();
        String mail = "From: " + from + "\r\n"
                + "To: " + to + "\r\n"
                + (cc == null ? "" : "Cc: " + cc + "\r\n")
                + "Subject: " + subject + "\r\n"
                + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <" + messageId + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n"
                + body.replace("\n", "\r\n") + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: application/octet-stream\r\n"
                + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(content) + "\r\n"
                + "--" + boundary + "--\r\n";
        return mail.getBytes(StandardCharsets.UTF_8);
    }

    /** A mail whose MIME structure nests deeper than any parser should follow: it must be quarantined. */
    static byte[] tooDeep(String messageId, String to, int depth) {
        StringBuilder mail = new StringBuilder();
        mail.append("From: poison@example.com\r\nTo: ").append(to).append("\r\nSubject: poison\r\n");
        mail.append("Message-ID: <").append(messageId).append(">\r\nMIME-Version: 1.0\r\n");
        for (int i = 0; i < depth; i++) {
            mail.append("Content-Type: multipart/mixed; boundary=\"d").append(i).append("\"\r\n\r\n");
            mail.append("--d").append(i).append("\r\n");
        }
        mail.append("Content-Type: text/plain\r\n\r\ndeep\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            mail.append("--d").append(i).append("--\r\n");
        }
        return mail.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
