package dev.mailtask.mail.report;

/**
 * What kind of machine-made mail a mail is, for the intake's purposes. Exactly one kind per mail; when
 * several signals are present the first kind in this order wins (a bounce sent with
 * {@code Auto-Submitted: auto-replied} is a {@link #DELIVERY_STATUS}, an auto-reply sent through a mailing
 * list is an {@link #AUTO_REPLY}).
 */
public enum ReportKind {
    /** An abuse / opt-out / auth-failure report in the Abuse Reporting Format (RFC 5965). */
    FEEDBACK_REPORT,
    /**
     * A delivery status notification (bounce): RFC 3464 {@code multipart/report; report-type=delivery-status}
     * or an MTA's plain-text non-delivery report. Updates the delivery status of the mail it reports on.
     */
    DELIVERY_STATUS,
    /** A read receipt or other message disposition notification (RFC 8098). */
    DISPOSITION_NOTIFICATION,
    /** An auto-reply to a mail (out-of-office, vacation, "we received your ticket"): RFC 3834 auto-replied. */
    AUTO_REPLY,
    /**
     * Mail a program sent on its own, not in reply to a mail ({@code Auto-Submitted: auto-generated} or
     * {@code auto-notified}): notifications, cron output.
     */
    AUTO_GENERATED,
    /** Mailing-list traffic ({@code List-Id}, {@code Precedence: list}, ...). Written by a person, but to a list. */
    LIST,
    /** Bulk mail ({@code Precedence: bulk|junk}, newsletters with {@code List-Unsubscribe} only). */
    BULK,
    /** An ordinary mail. */
    NONE;

    /**
     * True when a reply to this mail must not be sent automatically (RFC 3834 §2): every kind except
     * {@link #NONE}.
     */
    public boolean suppressesAutoReply() {
        return this != NONE;
    }
}
