package dev.mailtask.mail;

import dev.mailtask.mail.report.MailReport;
import dev.mailtask.mail.report.MailReports;
import java.time.Instant;
import java.util.List;

/**
 * A parsed inbound mail: everything intake, threading and rules read, decoded once.
 * Immutable; lists are never null (empty when absent), strings are null only where documented.
 *
 * @param from        the first From mailbox; for {@code MAILER-DAEMON <>} the name with address ""; null when
 *                    the mail has none
 * @param to          To mailboxes in header order
 * @param cc          Cc mailboxes
 * @param replyTo     Reply-To mailboxes
 * @param deliveredTo Delivered-To then X-Original-To mailboxes (envelope recipients added by the server)
 * @param subject     decoded subject, "" when absent
 * @param date        Date header, or null when absent or unparseable
 * @param messageId   Message-ID without angle brackets, or null when absent
 * @param inReplyTo   first In-Reply-To id without angle brackets, or null
 * @param references  References ids in order, without angle brackets; of a long list the first and the nearest
 *                    ones (at most 100)
 * @param textBody    the text body (several inline text parts joined); for HTML-only mail, a text rendering
 *                    of the HTML; "" when none
 * @param htmlBody    the HTML body as sent (unsafe to show: pass it through {@link HtmlSanitizer}), or null
 *                    when the mail has none
 * @param attachments attachments and inline parts in MIME order
 * @param headers     every top-level header field, decoded, in order
 * @param report      whether the mail is a bounce, an auto-reply, list mail, a feedback report or a read
 *                    receipt, and what it reports on (see {@link MailReports})
 */
public record InboundMail(
        MailAddress from,
        List<MailAddress> to,
        List<MailAddress> cc,
        List<MailAddress> replyTo,
        List<MailAddress> deliveredTo,
        String subject,
        Instant date,
        String messageId,
        String inReplyTo,
        List<String> references,
        String textBody,
        String htmlBody,
        List<MailAttachment> attachments,
        List<MailHeader> headers,
        MailReport report) {

    public InboundMail {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        replyTo = List.copyOf(replyTo);
        deliveredTo = List.copyOf(deliveredTo);
        subject = subject == null ? "" : subject;
        references = List.copyOf(references);
        textBody = textBody == null ? "" : textBody;
        attachments = List.copyOf(attachments);
        headers = List.copyOf(headers);
        report = report == null ? MailReport.none() : report;
    }

    /** A mail without a report (taken for ordinary); {@link #withReport} works it out. */
    public InboundMail(MailAddress from, List<MailAddress> to, List<MailAddress> cc, List<MailAddress> replyTo,
            List<MailAddress> deliveredTo, String subject, Instant date, String messageId, String inReplyTo,
            List<String> references, String textBody, String htmlBody, List<MailAttachment> attachments,
            List<MailHeader> headers) {
        this(from, to, cc, replyTo, deliveredTo, subject, date, messageId, inReplyTo, references, textBody, htmlBody,
                attachments, headers, null);
    }

    /** This mail with its report worked out by {@link MailReports#of}. */
    public InboundMail withReport() {
        return new InboundMail(from, to, cc, replyTo, deliveredTo, subject, date, messageId, inReplyTo, references,
                textBody, htmlBody, attachments, headers, MailReports.of(this));
    }

    /** First value of a header, case-insensitive, or null. */
    public String header(String name) {
        for (MailHeader h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }
}
