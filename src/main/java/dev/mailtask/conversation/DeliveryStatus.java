package dev.mailtask.conversation;

/** Where one outgoing mail to one recipient stands. */
public enum DeliveryStatus {
    /** Waiting to be sent (or to be tried again after a temporary failure). */
    QUEUED,
    /** The SMTP server accepted it. */
    SENT,
    /** Refused for good (a 5xx reply), or given up after too many temporary failures. */
    FAILED,
    /** Accepted, then a delivery status notification said it could not be delivered. */
    BOUNCED,
    /** Cancelled over the API while it waited: never sent. */
    CANCELLED
}
