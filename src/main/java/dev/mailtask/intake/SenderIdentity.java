package dev.mailtask.intake;

import dev.mailtask.contacts.People;
import dev.mailtask.mail.AuthenticationResults;
import dev.mailtask.mail.InboundMail;
import dev.mailtask.mail.MailAddress;
import dev.mailtask.outbound.ReplyTokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.hibernate.Session;

/**
 * Who a mail's sender is, as far as the mail proves it. A From line proves nothing: anyone can write an
 * employee's address there. So the sender acts as an employee only when
 * <ul>
 *   <li>a receiving server we trust (its {@code authserv-id} in {@code mailtask.intake.trusted-authserv-ids})
 *       found the mail authentic for the From domain (DMARC, or an aligned DKIM or SPF pass), or</li>
 *   <li>the mail answers a mail we sent to that very address: one of our Message-IDs in In-Reply-To or
 *       References, or a reply token in the address it was sent to, that we mailed to the sender (the proof
 *       is holding the mail; a forward hands it on).</li>
 * </ul>
 * Otherwise an employee's address is a claim only, and is treated as a stranger's. A trusted server's DMARC
 * failure for the From domain marks it forged: no contact is made for it.
 */
public final class SenderIdentity {

    /** How the sender is known. */
    public enum Proof { AUTHENTICATED, ANSWERS_OUR_MAIL, NONE, FORGED, OUR_ADDRESS }

    private final MailAddress from;
    private final People.Person person;
    private final Proof proof;
    /** Tasks whose mail we sent to the sender and that this mail answers. */
    private final Set<Long> answeredTasks;

    private SenderIdentity(MailAddress from, People.Person person, Proof proof, Set<Long> answeredTasks) {
        this.from = from;
        this.person = person;
        this.proof = proof;
        this.answeredTasks = answeredTasks;
    }

    /**
     * @param ours whether an address is one of ours: mail "from" one of them that is not our own mail (that is
     *             recognised before) is forged, and no contact is ever made for it
     */
    public static SenderIdentity of(Session session, InboundMail mail, People people, Set<String> trustedServers,
            Predicate<MailAddress> ours) {
        MailAddress from = mail.from();
        if (from == null || from.address().isEmpty() || !from.address().contains("@")) {
            return new SenderIdentity(null, null, Proof.NONE, Set.of());
        }
        if (ours.test(from)) {
            return new SenderIdentity(from, null, Proof.OUR_ADDRESS, Set.of());
        }
        People.Person person = people.find(session, from);
        String domain = from.domain();
        AuthenticationResults auth = AuthenticationResults.trusted(mail, trustedServers);
        if (auth != null && auth.fails(domain)) {
            return new SenderIdentity(from, person, Proof.FORGED, Set.of());
        }
        Set<Long> answered = answeredTasks(session, mail, from);
        Proof proof = auth != null && auth.passes(domain) ? Proof.AUTHENTICATED
                : answered.isEmpty() ? Proof.NONE : Proof.ANSWERS_OUR_MAIL;
        return new SenderIdentity(from, person, proof, answered);
    }

    /** The tasks of the mails we sent to {@code from} that this mail refers to (by Message-ID or reply token). */
    private static Set<Long> answeredTasks(Session session, InboundMail mail, MailAddress from) {
        Set<String> ids = new LinkedHashSet<>();
        if (mail.inReplyTo() != null) {
            ids.add(mail.inReplyTo());
        }
        ids.addAll(mail.references());
        List<String> tokens = new ArrayList<>();
        List<MailAddress> recipients = new ArrayList<>(mail.deliveredTo());
        recipients.addAll(mail.to());
        recipients.addAll(mail.cc());
        for (MailAddress recipient : recipients) {
            ReplyTokens.tokenOf(recipient).ifPresent(tokens::add);
        }
        Set<Long> tasks = new HashSet<>();
        if (!ids.isEmpty()) {
            tasks.addAll(session.createSelectionQuery("select o.taskId from OutboxMail o where o.messageId in :ids"
                            + " and lower(o.recipient) = :from and o.taskId is not null", Long.class)
                    .setParameter("ids", ids).setParameter("from", from.normalized()).getResultList());
        }
        if (!tokens.isEmpty()) {
            tasks.addAll(session.createSelectionQuery("select o.taskId from OutboxMail o where o.replyToken in :t"
                            + " and lower(o.recipient) = :from and o.taskId is not null", Long.class)
                    .setParameter("t", tokens).setParameter("from", from.normalized()).getResultList());
        }
        return tasks;
    }

    public Proof proof() {
        return proof;
    }

    /** The employee or contact the From address belongs to, proven or not; null for a new address. */
    public People.Person person() {
        return person;
    }

    /** The sender claims an employee's address without proving it. */
    public boolean unprovenEmployee() {
        return person != null && person.employee() != null && !proven();
    }

    private boolean proven() {
        return proof == Proof.AUTHENTICATED || proof == Proof.ANSWERS_OUR_MAIL;
    }

    /** Whether this mail answers a mail we sent to the sender about that task. */
    public boolean answers(long taskId) {
        return answeredTasks.contains(taskId);
    }

    /**
     * Whom the mail may act as: a proven employee, or a contact (found, or made for a new address); null for no
     * sender, an employee's address not proven, and a forged From.
     */
    public People.Person acting(Session session, People people, Instant now) {
        if (from == null || proof == Proof.FORGED || proof == Proof.OUR_ADDRESS || unprovenEmployee()) {
            return null;
        }
        return person != null ? person : people.findOrCreate(session, from, now);
    }

    /** Why the sender does not act as who the From says, for the mail's record; null when it does. */
    public String doubt() {
        if (proof == Proof.FORGED) {
            return "sender " + from.normalized() + " is forged (DMARC failed at a trusted server)";
        }
        if (proof == Proof.OUR_ADDRESS) {
            return "sender " + from.normalized() + " is one of our own addresses, in mail we did not send";
        }
        if (unprovenEmployee()) {
            return "sender " + from.normalized() + " is employee " + person.employee().login()
                    + "'s address, not authenticated: not taken as the employee";
        }
        return null;
    }

    /** The From address as written (lower case), or null. */
    public String address() {
        return from == null ? null : from.normalized();
    }
}
