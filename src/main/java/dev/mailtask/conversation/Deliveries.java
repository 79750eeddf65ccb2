package dev.mailtask.conversation;

import org.hibernate.Session;

/** Delivery status changes that intake learns of: a bounce coming back for one of our mails. */
public final class Deliveries {

    private Deliveries() {
    }

    public static void bounced(Session session, long outboxId, String reason) {
        OutboxMail mail = session.find(OutboxMail.class, outboxId);
        if (mail != null) {
            mail.bounced(reason == null || reason.isBlank() ? "bounced" : reason);
        }
    }
}
