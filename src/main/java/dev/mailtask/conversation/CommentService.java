package dev.mailtask.conversation;

import dev.mailtask.contacts.Contact;
import dev.mailtask.directory.Employee;
import dev.mailtask.directory.MailAccount;
import dev.mailtask.outbound.MailComposer;
import dev.mailtask.outbound.MessageIds;
import dev.mailtask.outbound.OutgoingMail;
import dev.mailtask.outbound.ReplyTokens;
import dev.mailtask.outbound.Signatures;
import dev.mailtask.outbound.SubjectTags;
import dev.mailtask.outbound.Threading;
import dev.mailtask.store.Database;
import dev.mailtask.store.StoredText;
import dev.mailtask.tasks.Comment;
import dev.mailtask.tasks.Task;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
    private volatile int maxRecipients = 50;

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

    /**
     * @throws IllegalArgumentException for an unknown task, author, employee or contact, or more people than
     *                                  the cap (the caller's 4xx); nothing is stored then
     */
    public Posted post(long taskId, NewComment request) {
        // Each person once however often and in whatever case they are named; the cap counts them so.
        List<String> emails = distinct(request.notifyContacts());
        List<String> logins = distinct(request.notifyEmployees());
        if (emails.size() + logins.size() > maxRecipients) {
            throw new TooManyRecipients("a comment may notify at most " + maxRecipients + " people"
                    + " (mailtask.comments.max-recipients); this one names " + (emails.size() + logins.size()));
        }
        MessageIds ids = this.ids.get();
        return database.inTransaction(session -> {
            Instant now = clock.instant();
            Task task = session.find(Task.class, taskId);
            if (task == null) {
                throw new UnknownReference("no task " + taskId);
            }
            Employee author = employee(session, request.authorLogin());
            Comment comment = new Comment(task, author, null, request.text(), request.hidden(), now);
            comment.notifiedEmployees().addAll(employees(session, logins));
            // Two addresses of one contact are one contact: one mail.
            Collection<Contact> contacts = contacts(session, emails);
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
                Map<String, Thread> threads = threads(session, task,
                        contacts.stream().map(Contact::email).toList());
                for (Contact contact : contacts) {
                    if (!accounts.mayMail(contact.email())) {
                        continue; // our own addresses (a loop in one step) and the never-send list
                    }
                    session.persist(outboxMail(ids, account, task, comment, author, contact,
                            threads.get(contact.email()), request, now));
                    mailed.add(contact.email());
                }
            }
            // Colleagues are told of hidden comments too: hidden means "not for the client".
            mailed.addAll(notifications.notify(session, task, comment, comment.notifiedEmployees(), author.name(),
                    now));
            return new Posted(comment.id(), task.id(), mailed);
        });
    }

    /** Most people one comment may notify (contacts and employees together). */
    public void setMaxRecipients(int maxRecipients) {
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("mailtask.comments.max-recipients must be at least 1");
        }
        this.maxRecipients = maxRecipients;
    }

    /** Trimmed, lower-cased, each once, in the order first named. */
    static List<String> distinct(List<String> named) {
        Set<String> seen = new LinkedHashSet<>();
        for (String value : named) {
            seen.add(value == null ? "" : value.strip().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(seen);
    }

    private OutboxMail outboxMail(MessageIds ids, MailAccount account, Task task, Comment comment, Employee author,
            Contact contact, Thread thread, NewComment request, Instant now) {
        String token = tokens.newToken();
        String messageId = ids.forComment(task.number(), comment.id(), contact.id());
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

    /** The thread to continue with a contact: their latest mail on the task, else the mail that started it. */
    private record Thread(String inReplyTo, List<String> references) {

        static final Thread NONE = new Thread(null, List.of());

        static Thread continuing(Object[] mail) {
            String messageId = (String) mail[1];
            if (!Threading.isValidMessageId(messageId)) {
                return NONE;
            }
            String references = StoredText.text((StoredText) mail[2]);
            List<String> parentReferences = references == null || references.isBlank() ? List.of()
                    : Arrays.asList(references.split(" "));
            return new Thread(messageId, Threading.references(messageId, parentReferences, (String) mail[3]));
        }
    }

    /** The thread for each address, in two queries whatever their number. */
    private static Map<String, Thread> threads(Session session, Task task, List<String> emails) {
        String mails = "select m.fromAddress, m.messageId, m.references, m.inReplyTo from MessageRecord m"
                + " where m.taskId = :task and m.direction = 'IN' and m.messageId is not null";
        String newestFirst = " order by m.receivedAt desc, m.id desc";
        List<Object[]> latest = session.createSelectionQuery(mails + newestFirst, Object[].class)
                .setParameter("task", task.id()).setMaxResults(1).getResultList();
        Thread fallback = latest.isEmpty() ? Thread.NONE : Thread.continuing(latest.get(0));
        Map<String, Thread> threads = new HashMap<>();
        for (List<String> chunk : chunks(emails)) {
            session.createSelectionQuery(mails + " and m.fromAddress in :emails" + newestFirst, Object[].class)
                    .setParameter("task", task.id())
                    .setParameterList("emails", chunk)
                    .getResultList()
                    .forEach(mail -> threads.computeIfAbsent((String) mail[0], e -> Thread.continuing(mail)));
        }
        emails.forEach(e -> threads.putIfAbsent(e, fallback));
        return threads;
    }

    private static Employee employee(Session session, String login) {
        return session.createSelectionQuery("from Employee e where e.login = :l", Employee.class)
                .setParameter("l", login == null ? "" : login.toLowerCase(Locale.ROOT)).uniqueResultOptional()
                .orElseThrow(() -> new UnknownReference("no employee '" + login + "'"));
    }

    /** The employees with these (lower-cased) logins, in one query per chunk, not one per login. */
    private static List<Employee> employees(Session session, List<String> logins) {
        Map<String, Employee> found = new HashMap<>();
        for (List<String> chunk : chunks(logins)) {
            session.createSelectionQuery("from Employee e where e.login in :ls", Employee.class)
                    .setParameterList("ls", chunk).getResultList()
                    .forEach(e -> found.put(e.login(), e));
        }
        List<Employee> employees = new ArrayList<>();
        for (String login : logins) {
            Employee e = found.get(login);
            if (e == null) {
                throw new UnknownReference("no employee '" + login + "'");
            }
            employees.add(e);
        }
        return employees;
    }

    /**
     * The contacts with these (lower-cased) addresses, primary or additional, each once in the order first
     * named; one query per chunk, not one per address.
     */
    private static Collection<Contact> contacts(Session session, List<String> emails) {
        Map<String, Contact> byAddress = new HashMap<>();
        for (List<String> chunk : chunks(emails)) {
            session.createSelectionQuery("select x, c from Contact c join c.addresses x where x in :es",
                            Object[].class)
                    .setParameterList("es", chunk)
                    .getResultList()
                    .forEach(row -> byAddress.put((String) row[0], (Contact) row[1]));
        }
        Map<Long, Contact> contacts = new LinkedHashMap<>();
        for (String email : emails) {
            Contact c = byAddress.get(email);
            if (c == null) {
                throw new UnknownReference("no contact '" + email + "'");
            }
            contacts.putIfAbsent(c.id(), c);
        }
        return contacts.values();
    }

    /** Lists cut for IN parameters (PostgreSQL takes at most 32,767 parameters in a statement). */
    private static List<List<String>> chunks(List<String> values) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < values.size(); i += 1000) {
            chunks.add(values.subList(i, Math.min(values.size(), i + 1000)));
        }
        return chunks;
    }

    /** The request names more people than one comment may notify. */
    public static final class TooManyRecipients extends IllegalArgumentException {
        public TooManyRecipients(String message) {
            super(message);
        }
    }

    /** Something the request names does not exist. */
    public static final class UnknownReference extends IllegalArgumentException {
        public UnknownReference(String message) {
            super(message);
        }
    }
}
