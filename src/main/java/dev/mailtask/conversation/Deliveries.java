package dev.mailtask.conversation;

import org.hibernate.Session;

/** Delivery status changes that intake learns of: a bounce coming back for one of our mails. */
public final class Deliveries {

    private Deliveries() {
    }

    /** Marks the delivery bounced; returns it (null when it is gone) so the author can be told. */
    public static OutboxMail bounced(Session session, long outboxId, String reason) {
        OutboxMail mail = session.find(OutboxMail.class, outboxId);
        if (mail != null) {
            mail.bounced(reason == null || reason.isBlank() ? "bounced" : reason);
        }
        return mail;
    }
}
