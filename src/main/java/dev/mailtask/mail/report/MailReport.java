package dev.mailtask.mail.report;

import java.util.List;

/**
 * What {@link MailReports#of} found out about a mail: is it a bounce, an auto-reply, list mail, a feedback
 * report, a read receipt, or an ordinary mail; and for reports, what they report on. Immutable.
 *
 * @param kind              the kind, never null
 * @param signals           the evidence that decided the kind, in the order checked, e.g.
 *                          {@code "Auto-Submitted: auto-replied"}, {@code "part message/delivery-status"},
 *                          {@code "From: MAILER-DAEMON"}; empty for {@link ReportKind#NONE} unless a signal was
 *                          seen and deliberately not counted (e.g. {@code "X-Auto-Response-Suppress: OOF
 *                          (not an auto-reply marker)"})
 * @param originalMessageId for delivery status, feedback and disposition reports: the Message-ID (without
 *                          angle brackets) of the mail reported on, from the attached message or headers,
 *                          the Original-Message-ID / X-Original-Message-ID field, or the quoted headers in a
 *                          plain-text bounce; for auto-replies the In-Reply-To; null when the report does not
 *                          tell
 * @param recipients        for {@link ReportKind#DELIVERY_STATUS}: each recipient reported on, in report order
 *                          (usually failed ones; an RFC 3464 success report lists delivered ones); empty
 *                          otherwise
 * @param feedbackType      for {@link ReportKind#FEEDBACK_REPORT}: the Feedback-Type lower-case ({@code abuse},
 *                          {@code opt-out}, {@code auth-failure}, ...), or null
 * @param disposition       for {@link ReportKind#DISPOSITION_NOTIFICATION}: the Disposition field
 *                          (e.g. {@code manual-action/MDN-sent-manually; displayed}), or null
 */
public record MailReport(
        ReportKind kind,
        List<String> signals,
        String originalMessageId,
        List<RecipientStatus> recipients,
        String feedbackType,
        String disposition) {

    public MailReport {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        signals = List.copyOf(signals);
        recipients = List.copyOf(recipients);
    }

    /** An ordinary mail with no signals. */
    public static MailReport none() {
        return new MailReport(ReportKind.NONE, List.of(), null, List.of(), null, null);
    }

    /** The reported recipients that were not delivered (see {@link RecipientStatus#failed()}). */
    public List<RecipientStatus> failedRecipients() {
        return recipients.stream().filter(RecipientStatus::failed).toList();
    }

    public boolean isBounce() {
        return kind == ReportKind.DELIVERY_STATUS;
    }

    /** True when no reply may be sent to this mail automatically. */
    public boolean suppressesAutoReply() {
        return kind.suppressesAutoReply();
    }
}
