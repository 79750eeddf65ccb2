package dev.mailtask.api;

import dev.mailtask.contacts.Contact;
import dev.mailtask.conversation.DeliveryStatus;
import dev.mailtask.directory.Employee;
import dev.mailtask.intake.MessageRecord;
import dev.mailtask.intake.RawMail;
import dev.mailtask.store.Database;
import dev.mailtask.tasks.Attachment;
import dev.mailtask.tasks.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The read side of the REST API: plain Java, parameters as they arrive, answers as {@link Views}. */
public final class ReadApi {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;

    private final Database database;

    public ReadApi(Database database) {
        this.database = database;
    }

    public Views.Page<Views.TaskSummary> tasks(String page, String size) {
        int p = number("page", page, 0, 0, Integer.MAX_VALUE);
        int s = number("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        return database.read(session -> {
            long total = session.createSelectionQuery("select count(t) from Task t", Long.class).getSingleResult();
            // By projection: a page of whole tasks would read every description, each up to a mail's size.
            List<Views.TaskSummary> items = session.createSelectionQuery("select t.id, t.number, t.title, t.status,"
                            + " t.createdAt from Task t order by t.createdAt desc, t.id desc", Object[].class)
                    .setFirstResult(offset(p, s))
                    .setMaxResults(s)
                    .getResultList().stream()
                    .map(r -> new Views.TaskSummary((Long) r[0], (Long) r[1], (String) r[2], r[3].toString(),
                            iso((Instant) r[4])))
                    .toList();
            return new Views.Page<>(p, s, total, items);
        });
    }

    public Views.TaskDetail task(String id) {
        long taskId = id("task", id);
        return database.read(session -> {
            Task t = session.find(Task.class, taskId);
            if (t == null) {
                throw ApiException.notFound("no task " + taskId);
            }
            List<Views.Person> participants = new ArrayList<>();
            t.participantEmployees().forEach(e -> participants.add(person(e)));
            t.participantContacts().forEach(c -> participants.add(person(c)));
            return new Views.TaskDetail(t.id(), t.number(), t.title(), t.status().name(), t.description(),
                    t.project() == null ? null : t.project().number(),
                    t.project() == null ? null : t.project().name(),
                    t.accountId(),
                    t.assignerEmployee() != null ? person(t.assignerEmployee())
                            : t.assignerContact() != null ? person(t.assignerContact()) : null,
                    t.assignees().stream().map(ReadApi::person).toList(),
                    participants,
                    attachments(session, t.id()),
                    comments(session, t),
                    iso(t.createdAt()),
                    t.follows() == null ? null : t.follows().id());
        });
    }

    public Views.Download attachment(String id, String n) {
        long taskId = id("task", id);
        int position = number("attachment number", n, -1, 1, Integer.MAX_VALUE);
        return database.read(session -> {
            List<Attachment> found = session.createSelectionQuery(
                            "from Attachment a where a.task.id = :task and a.position = :n", Attachment.class)
                    .setParameter("task", taskId)
                    .setParameter("n", position)
                    .getResultList();
            if (found.isEmpty()) {
                throw ApiException.notFound("task " + taskId + " has no attachment " + position);
            }
            Attachment a = found.get(0);
            return new Views.Download(a.fileName(), a.contentType(), a.content());
        });
    }

    public Views.Page<Views.ContactView> contacts(String page, String size) {
        int p = number("page", page, 0, 0, Integer.MAX_VALUE);
        int s = number("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        return database.read(session -> {
            long total = session.createSelectionQuery("select count(c) from Contact c", Long.class).getSingleResult();
            List<Views.ContactView> items = session.createSelectionQuery(
                            "from Contact c order by c.name, c.id", Contact.class)
                    .setFirstResult(offset(p, s))
                    .setMaxResults(s)
                    .getResultList().stream()
                    .map(c -> new Views.ContactView(c.id(), c.name(), c.email(), List.copyOf(c.additionalEmails()),
                            c.spammer(), iso(c.createdAt())))
                    .toList();
            return new Views.Page<>(p, s, total, items);
        });
    }

    /** The outbox, newest first; {@code status} (QUEUED, SENT, FAILED, BOUNCED) filters. */
    public Views.Page<Views.OutboxView> outbox(String status, String page, String size) {
        int p = number("page", page, 0, 0, Integer.MAX_VALUE);
        int s = number("size", size, DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        DeliveryStatus filter = null;
        if (status != null && !status.isBlank()) {
            filter = enumValue(DeliveryStatus.class, "status", status);
        }
        DeliveryStatus only = filter;
        return database.read(session -> {
            String where = only == null ? "" : " where o.status = :status";
            var count = session.createSelectionQuery("select count(o) from OutboxMail o" + where, Long.class);
            var rows = session.createSelectionQuery("select o.id, o.taskId, o.commentId, o.accountId, o.recipient,"
                    + " o.status, o.attempts, o.nextAttemptAt, o.lastError, o.createdAt, o.sentAt, o.messageId"
                    + " from OutboxMail o" + where + " order by o.id desc", Object[].class);
            if (only != null) {
                count.setParameter("status", only);
                rows.setParameter("status", only);
            }
            List<Views.OutboxView> items = rows.setFirstResult(offset(p, s)).setMaxResults(s).getResultList().stream()
                    .map(r -> new Views.OutboxView((Long) r[0], (Long) r[1], (Long) r[2], (String) r[3], (String) r[4],
                            r[5].toString(), (Integer) r[6], iso((Instant) r[7]), (String) r[8], iso((Instant) r[9]),
                            iso((Instant) r[10]), (String) r[11]))
                    .toList();
            return new Views.Page<>(p, s, count.getSingleResult(), items);
        });
    }

    public Views.MessageView message(String id) {
        long messageId = id("message", id);
        return database.read(session -> {
            MessageRecord m = findMessage(session, messageId);
            List<String> references = m.references() == null || m.references().isBlank() ? List.of()
                    : Arrays.asList(m.references().split(" "));
            return new Views.MessageView(m.id(), m.direction(), m.accountId(), m.messageId(), m.inReplyTo(),
                    references, m.fromAddress(), m.subject(), m.status().name(), m.decision(), m.error(),
                    m.rawSize(), m.taskId(), m.commentId(), iso(m.receivedAt()), "/api/messages/" + m.id() + "/raw",
                    json(m.trace()));
        });
    }

    public Views.Download messageRaw(String id) {
        long messageId = id("message", id);
        return database.read(session -> {
            RawMail raw = session.find(RawMail.class, messageId);
            if (raw == null) {
                throw ApiException.notFound("no message " + messageId);
            }
            return new Views.Download("message-" + messageId + ".eml", "message/rfc822", raw.raw());
        });
    }

    private static MessageRecord findMessage(org.hibernate.Session session, long id) {
        MessageRecord m = session.find(MessageRecord.class, id);
        if (m == null) {
            throw ApiException.notFound("no message " + id);
        }
        return m;
    }

    /** Attachment metadata by projection: the bytes stay in the database until downloaded. */
    private static List<Views.AttachmentInfo> attachments(org.hibernate.Session session, long taskId) {
        return session.createSelectionQuery("select a.position, a.fileName, a.contentType, a.size, a.contentId,"
                                + " a.inline, a.sha256 from Attachment a where a.task.id = :task order by a.position",
                        Object[].class)
                .setParameter("task", taskId)
                .getResultList().stream()
                .map(r -> new Views.AttachmentInfo((Integer) r[0], (String) r[1], (String) r[2], (Long) r[3],
                        (String) r[4], (Boolean) r[5], (String) r[6],
                        "/api/tasks/" + taskId + "/attachments/" + r[0]))
                .toList();
    }

    /** Comments with whom each was for and, per recipient, where its mail stands. */
    private static List<Views.CommentView> comments(org.hibernate.Session session, Task t) {
        java.util.Map<Long, List<Views.Delivery>> deliveries = new java.util.HashMap<>();
        session.createSelectionQuery("select o.commentId, o.recipient, o.status, o.attempts, o.lastError, o.sentAt,"
                        + " o.messageId from OutboxMail o where o.taskId = :task order by o.id", Object[].class)
                .setParameter("task", t.id())
                .getResultList()
                .forEach(r -> deliveries.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add(new Views.Delivery(
                        (String) r[1], r[2].toString(), (Integer) r[3], (String) r[4], iso((Instant) r[5]),
                        (String) r[6])));
        return t.comments().stream().map(c -> {
            Views.Person author = c.authorEmployee() != null ? person(c.authorEmployee())
                    : c.authorContact() != null ? person(c.authorContact()) : null;
            List<Views.Person> notified = new ArrayList<>();
            c.notifiedEmployees().forEach(e -> notified.add(person(e)));
            c.notifiedContacts().forEach(x -> notified.add(person(x)));
            return new Views.CommentView(c.id(), author, c.body(), c.hidden(), c.held(), c.sender(),
                    iso(c.createdAt()), notified,
                    deliveries.getOrDefault(c.id(), List.of()));
        }).toList();
    }

    private static Views.Person person(Employee e) {
        return new Views.Person("employee", e.id(), e.name(), e.email());
    }

    private static Views.Person person(Contact c) {
        return new Views.Person("contact", c.id(), c.name(), c.email());
    }

    private static int offset(int page, int size) {
        long offset = (long) page * size;
        if (offset > Integer.MAX_VALUE) {
            throw ApiException.badRequest("page " + page + " is beyond the end");
        }
        return (int) offset;
    }

    /** One of an enum's values, in any case; a 400 that lists them otherwise. */
    static <E extends Enum<E>> E enumValue(Class<E> type, String what, String value) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(what + " must be one of " + java.util.Arrays.toString(
                    type.getEnumConstants()) + ", not '" + value + "'");
        }
    }

    static long id(String what, String value) {
        try {
            long id = Long.parseLong(value == null ? "" : value.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw ApiException.badRequest(what + " id must be a positive whole number, not '" + value + "'");
    }

    private static int number(String what, String value, int absent, int min, int max) {
        if (value == null || value.isBlank()) {
            if (absent < 0) {
                throw ApiException.badRequest(what + " is required");
            }
            return absent;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw ApiException.badRequest(what + " must be a whole number from " + min + " to " + max + ", not '"
                + value + "'");
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** Stored JSON (the rules' trace) embedded as JSON, not as a string. */
    private static Object json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return text;
        }
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

}
