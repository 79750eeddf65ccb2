package dev.mailtask.outbound;

import dev.mailtask.mail.InboundMail;

/**
 * Recognises our own mail coming back (product §5: a redirect, a forwarding rule, a list reflecting it, a
 * mailbox of ours in the recipients): it carries our loop header with our loop id, or its own Message-ID
 * is one of ours. A reply to our mail is <em>not</em> ours: it has a Message-ID of its own and refers to
 * ours only in In-Reply-To/References (see {@link MessageIds#repliedTo}). Bounces that quote our mail are
 * a matter for the report parsing, not for this check.
 */
public final class OwnMail {

    private final MessageIds ids;
    private final String loopId;

    /**
     * @param ids    our Message-IDs
     * @param loopId our loop id (as in {@link OutgoingMail#loopId}), or null when we send none
     */
    public OwnMail(MessageIds ids, String loopId) {
        this.ids = ids;
        this.loopId = loopId;
    }

    public boolean isOurs(InboundMail mail) {
        if (loopId != null) {
            String v = mail.header(MailComposer.LOOP_HEADER);
            if (v != null && v.strip().equalsIgnoreCase(loopId)) {
                return true;
            }
        }
        return ids.verify(mail.messageId()).isPresent();
    }
}
