package dev.mailtask.conversation;

import dev.mailtask.contacts.Contact;
import dev.mailtask.directory.Employee;
import dev.mailtask.directory.MailAccount;
import dev.mailtask.intake.MessageRecord;
import dev.mailtask.outbound.MailComposer;
import dev.mailtask.outbound.MessageIds;
import dev.mailtask.outbound.OutgoingMail;
import dev.mailtask.outbound.ReplyTokens;
import dev.mailtask.outbound.Signatures;
import dev.mailtask.outbound.SubjectTags;
import dev.mailtask.outbound.Threading;
import dev.mailtask.store.Database;
import dev.mailtask.tasks.Comment;
import dev.mailtask.tasks.Task;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.hibernate.Session;

/**
 * A comment on a task, and the mail it makes: stored with the people notified of it and, in the same
 * transaction, one outbox mail per notified contact (never for a hidden comment). The mail goes out from the
 * account the client wrote to, else the project's account, else the default one; its Message-ID, its
 * In-Reply-To/References and its Reply-To token are how the client's answer finds this task again.
 */
public final class CommentService {

    /** A new comment as asked for over the API. */
    public record NewComment(String authorLogin, String text, boolean hidden, List<String> notifyEmployees,
            List<String> notifyContacts, List<OutgoingMail.Attachment> attachments) {
    }

    /** What was stored and queued. */
    public record Posted(long commentId, long taskId, List<String> mailedTo) {
    }

    private final Database database;
    private final AccountChoice accounts;
    private final Notifications notifications;
    private final MailComposer composer;
    private final ReplyTokens tokens;
    private final Clock clock;
    private final OurIds ids;

    public CommentService(Database database, AccountChoice accounts, OurIds ids, Notifications notifications,
            MailComposer composer, ReplyTokens tokens, Clock clock) {
        this.database = database;
        this.ids = ids;
        this.notifications = notifications;
        this.accounts = accounts;
        this.composer = composer;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** @throws IllegalArgumentException for an unknown task, author, employee or contact (the caller's 4xx) */
    public Posted post(long taskId, NewComment request) {
        MessageIds ids = this.ids.get();
        return database.inTransaction(session -> {
            Instant now = clock.instant();
            Task task = session.find(Task.class, taskId);
            if (task == null) {
                throw new UnknownReference("no task " + taskId);
            }
            Employee author = employee(session, request.authorLogin());
            Comment comment = new Comment(task, author, null, request.text(), request.hidden(), now);
            for (String login : request.notifyEmployees()) {
                comment.notifiedEmployees().add(employee(session, login));
            }
            List<Contact> contacts = new ArrayList<>();
            for (String email : request.notifyContacts()) {
                contacts.add(contact(session, email));
            }
            comment.notifiedContacts().addAll(contacts);
            session.persist(comment);
            for (OutgoingMail.Attachment a : request.attachments()) {
                task.addAttachment(a.fileName(), a.contentType(), null, false, a.content()).belongTo(comment);
            }
            session.flush();
            List<String> mailed = new ArrayList<>();
            if (!request.hidden() && !contacts.isEmpty()) {
                MailAccount account = accounts.forTask(task)
                        .orElseThrow(() -> new IllegalStateException("no account can send mail: configure smtp"
                                + " for an account in the accounts file"));
                for (Contact contact : contacts) {
                    if (!accounts.mayMail(contact.email())) {
                        continue; // our own addresses (a loop in one step) and the never-send list
                    }
                    session.persist(outboxMail(session, ids, account, task, comment, author, contact, request, now));
                    mailed.add(contact.email());
                }
            }
            // Colleagues are told of hidden comments too: hidden means "not for the client".
            mailed.addAll(notifications.notify(session, task, comment, comment.notifiedEmployees(), author.name(),
                    now));
            return new Posted(comment.id(), task.id(), mailed);
        });
    }

    private OutboxMail outboxMail(Session session, MessageIds ids, MailAccount account, Task task, Comment comment,
            Employee author, Contact contact, NewComment request, Instant now) {
        String token = tokens.newToken();
        String messageId = ids.forComment(task.number(), comment.id(), contact.id());
        Thread thread = thread(session, task, contact);
        OutgoingMail.Builder mail = OutgoingMail.builder()
                .from(account.address(), author.name())
                .to(contact.email(), contact.name())
                .subject((thread.inReplyTo() == null ? "" : "Re: ") + SubjectTags.tagged(task.title(), task.number()))
                .text(Signatures.appendText(request.text(), account.signature()))
                .messageId(messageId)
                .automatic(false)
                .loopId(ids.domain());
        try {
            mail.replyTo(ReplyTokens.replyAddress(account.address(), token));
        } catch (IllegalArgumentException e) {
            token = null; // a mailbox name too long for a +token: the reply still threads by its Message-ID
        }
        if (thread.inReplyTo() != null) {
            mail.inReplyTo(thread.inReplyTo()).references(thread.references());
        }
        request.attachments().forEach(a -> mail.attach(a.fileName(), a.contentType(), a.content()));
        byte[] raw = composer.compose(mail.build());
        return new OutboxMail(task.id(), comment.id(), account.id(), contact.email(), contact.id(), null, messageId,
                token, raw, now);
    }

    /** The thread to continue with this contact: their latest mail on the task, else the mail that started it. */
    private record Thread(String inReplyTo, List<String> references) {
    }

    private static Thread thread(Session session, Task task, Contact contact) {
        List<MessageRecord> theirs = session.createSelectionQuery("from MessageRecord m where m.taskId = :task"
                        + " and m.direction = 'IN' and m.messageId is not null order by"
                        + " case when m.fromAddress = :email then 0 else 1 end, m.receivedAt desc, m.id desc",
                        MessageRecord.class)
                .setParameter("task", task.id())
                .setParameter("email", contact.email())
                .setMaxResults(1)
                .getResultList();
        if (theirs.isEmpty()) {
            return new Thread(null, List.of());
        }
        MessageRecord last = theirs.get(0);
        if (!Threading.isValidMessageId(last.messageId())) {
            return new Thread(null, List.of());
        }
        List<String> parentReferences = last.references() == null || last.references().isBlank() ? List.of()
                : Arrays.asList(last.references().split(" "));
        return new Thread(last.messageId(), Threading.references(last.messageId(), parentReferences,
                last.inReplyTo()));
    }

    private static Employee employee(Session session, String login) {
        return session.createSelectionQuery("from Employee e where e.login = :l", Employee.class)
                .setParameter("l", login == null ? "" : login.toLowerCase(Locale.ROOT)).uniqueResultOptional()
                .orElseThrow(() -> new UnknownReference("no employee '" + login + "'"));
    }

    private static Contact contact(Session session, String email) {
        return session.createSelectionQuery(
                        "select c from Contact c join c.addresses x where x = :e",
                        Contact.class)
                .setParameter("e", email == null ? "" : email.toLowerCase(Locale.ROOT)).setMaxResults(1)
                .uniqueResultOptional()
                .orElseThrow(() -> new UnknownReference("no contact '" + email + "'"));
    }

    /** Something the request names does not exist. */
    public static final class UnknownReference extends IllegalArgumentException {
        public UnknownReference(String message) {
            super(message);
        }
    }
}
