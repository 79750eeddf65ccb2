package dev.mailtask.conversation;

import dev.mailtask.contacts.People;
import dev.mailtask.mail.InboundMail;
import dev.mailtask.mail.MailAddress;
import dev.mailtask.outbound.OurMessageId;
import dev.mailtask.outbound.OwnMail;
import dev.mailtask.outbound.ReplyTokens;
import dev.mailtask.outbound.SubjectTags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.hibernate.Session;

/**
 * Which task an incoming mail continues, by the signals our mail carries, strongest first: our own
 * Message-ID in In-Reply-To/References (verified by its keyed hash) → any Message-ID we stored (their earlier
 * mail, or ours) → the reply token in the address it was sent to ({@link #find}); then, after the task
 * address, {@code [#N]} in the subject, but only from a participant of task N ({@link #bySubjectTag}: a
 * subject is easy to copy; Zammad's bug #5064 is what happens otherwise).
 */
public final class Threads {

    /**
     * The task a mail continues and the signal that said so.
     *
     * @param toUs      the mail answers a mail we sent (our Message-ID, a Message-ID we sent, our reply token),
     *                  not just a mail of the task's thread
     * @param automatic what it answers is one of our automatic mails (a notification to an employee, a notice)
     */
    public record Match(long taskId, long taskNumber, Long commentId, String signal, boolean toUs,
            boolean automatic) {
    }

    private final OurIds ids;
    private final People people;

    public Threads(OurIds ids, People people) {
        this.ids = ids;
        this.people = people;
    }

    /** Mail we sent ourselves (our loop header, or its own Message-ID is one of ours). */
    public boolean isOurOwn(InboundMail mail) {
        return new OwnMail(ids.get(), ids.get().domain()).isOurs(mail);
    }

    public Optional<Match> find(Session session, InboundMail mail) {
        Optional<OurMessageId> ours = ids.get().repliedTo(mail);
        Optional<Match> stored = null;
        if (ours.isPresent()) {
            boolean notice = ours.get().kind() == OurMessageId.Kind.NOTICE;
            // A notice's number is the notice's own (a bounce notice's is an outbox id), not a comment's: the
            // outbox row that carried it says which comment it was about.
            if (notice) {
                stored = byStoredMessageId(session, mail);
                if (stored.isPresent()) {
                    return stored;
                }
            }
            Optional<Match> byId = byNumber(session, ours.get().taskNumber(), notice ? null : ours.get().itemId(),
                    "our Message-ID in In-Reply-To/References", true, notice);
            if (byId.isPresent()) {
                return byId;
            }
        }
        if (stored == null) {
            stored = byStoredMessageId(session, mail);
        }
        if (stored.isPresent()) {
            return stored;
        }
        for (MailAddress recipient : recipients(mail)) {
            Optional<String> token = ReplyTokens.tokenOf(recipient);
            if (token.isPresent()) {
                List<Object[]> rows = session.createSelectionQuery("select o.taskId, o.commentId, o.employeeId"
                                + " from OutboxMail o where o.replyToken = :t", Object[].class)
                        .setParameter("t", token.get()).getResultList();
                if (!rows.isEmpty()) {
                    return byId(session, (Long) rows.get(0)[0], (Long) rows.get(0)[1],
                            "reply token in " + recipient.normalized(), true, rows.get(0)[2] != null);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The weakest signal, asked for after the task address: {@code [#N]} in the subject, and only from a
     * participant of task N.
     */
    public Optional<Match> bySubjectTag(Session session, InboundMail mail) {
        OptionalLong tagged = SubjectTags.taskNumberIn(mail.subject());
        if (tagged.isPresent() && mail.from() != null) {
            Optional<Match> byTag = byNumber(session, tagged.getAsLong(), null, "[#" + tagged.getAsLong()
                    + "] in the subject, from a participant", false, false);
            if (byTag.isPresent() && isParticipant(session, byTag.get().taskId(), mail.from())) {
                return byTag;
            }
        }
        return Optional.empty();
    }

    /** The outbox mail with this Message-ID (what a bounce reports on), or null. */
    public Long outboxOf(Session session, String messageId) {
        if (messageId == null) {
            return null;
        }
        List<Long> ids = session.createSelectionQuery("select o.id from OutboxMail o where o.messageId = :id",
                Long.class).setParameter("id", messageId).setMaxResults(1).getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** Is the sender the task's assigner, an assignee, or a participant (employee or contact)? */
    private boolean isParticipant(Session session, long taskId, MailAddress from) {
        People.Person person = people.find(session, from);
        if (person == null) {
            return false;
        }
        String query = person.employee() != null
                ? "select count(t) from Task t where t.id = :task and (t.assignerEmployee = :p"
                        + " or :p member of t.assignees or :p member of t.participantEmployees)"
                : "select count(t) from Task t where t.id = :task and (t.assignerContact = :p"
                        + " or :p member of t.participantContacts)";
        return session.createSelectionQuery(query, Long.class)
                .setParameter("task", taskId)
                .setParameter("p", person.employee() != null ? person.employee() : person.contact())
                .getSingleResult() > 0;
    }

    /**
     * The nearest Message-ID of the mail's thread (In-Reply-To, then References from the last) that is one we
     * sent or one we filed with a task: two queries for the whole thread, not two per id.
     */
    private static Optional<Match> byStoredMessageId(Session session, InboundMail mail) {
        Set<String> ids = new LinkedHashSet<>();
        if (mail.inReplyTo() != null) {
            ids.add(mail.inReplyTo());
        }
        for (int i = mail.references().size() - 1; i >= 0; i--) {
            ids.add(mail.references().get(i));
        }
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        // Mail to an employee (a notification, a notice) is automatic; a comment's copy to a contact is not.
        Map<String, Match> sent = new HashMap<>();
        for (Object[] row : session.createSelectionQuery("select o.messageId, t.id, t.number, o.commentId,"
                        + " o.employeeId from OutboxMail o, Task t where t.id = o.taskId and o.messageId in :ids",
                Object[].class).setParameter("ids", ids).getResultList()) {
            sent.putIfAbsent((String) row[0], new Match((Long) row[1], (Long) row[2], (Long) row[3],
                    "a Message-ID we sent, " + row[0], true, row[4] != null));
        }
        Map<String, Match> received = new HashMap<>();
        for (Object[] row : session.createSelectionQuery("select m.messageId, t.id, t.number, m.commentId"
                        + " from MessageRecord m, Task t where t.id = m.taskId and m.messageId in :ids",
                Object[].class).setParameter("ids", ids).getResultList()) {
            received.putIfAbsent((String) row[0], new Match((Long) row[1], (Long) row[2], (Long) row[3],
                    "a Message-ID we received, " + row[0], false, false));
        }
        for (String id : ids) {
            Match match = sent.containsKey(id) ? sent.get(id) : received.get(id);
            if (match != null) {
                return Optional.of(match);
            }
        }
        return Optional.empty();
    }

    private static Optional<Match> byNumber(Session session, long number, Long commentId, String signal,
            boolean toUs, boolean automatic) {
        List<Long> ids = session.createSelectionQuery("select t.id from Task t where t.number = :n", Long.class)
                .setParameter("n", number).getResultList();
        return ids.isEmpty() ? Optional.empty()
                : Optional.of(new Match(ids.get(0), number, commentId, signal, toUs, automatic));
    }

    private static Optional<Match> byId(Session session, long taskId, Long commentId, String signal, boolean toUs,
            boolean automatic) {
        List<Long> numbers = session.createSelectionQuery("select t.number from Task t where t.id = :id", Long.class)
                .setParameter("id", taskId).getResultList();
        return numbers.isEmpty() ? Optional.empty()
                : Optional.of(new Match(taskId, numbers.get(0), commentId, signal, toUs, automatic));
    }

    private static List<MailAddress> recipients(InboundMail mail) {
        List<MailAddress> all = new ArrayList<>(mail.deliveredTo());
        all.addAll(mail.to());
        all.addAll(mail.cc());
        return all;
    }
}
