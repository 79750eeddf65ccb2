package dev.mailtask.intake;

import dev.mailtask.contacts.People;
import dev.mailtask.conversation.Deliveries;
import dev.mailtask.conversation.Notifications;
import dev.mailtask.conversation.OutboxMail;
import dev.mailtask.conversation.Threads;
import dev.mailtask.directory.Employee;
import dev.mailtask.directory.Project;
import dev.mailtask.directory.VirtualAddress;
import dev.mailtask.mail.ContentBudget;
import dev.mailtask.mail.InboundMail;
import dev.mailtask.mail.MailAddress;
import dev.mailtask.mail.MailAttachment;
import dev.mailtask.mail.MailParseException;
import dev.mailtask.mail.MailParser;
import dev.mailtask.mail.report.MailReport;
import dev.mailtask.mail.report.ReportKind;
import dev.mailtask.rules.CommentTarget;
import dev.mailtask.rules.IfNotFound;
import dev.mailtask.rules.RuleAction;
import dev.mailtask.rules.RuleDecision;
import dev.mailtask.rules.TaskSettings;
import dev.mailtask.rules.Trace;
import dev.mailtask.store.Database;
import dev.mailtask.store.Columns;
import dev.mailtask.store.Sha256;
import dev.mailtask.tasks.Comment;
import dev.mailtask.tasks.Task;
import dev.mailtask.tasks.TaskStatus;
import dev.mailtask.tasks.Titles;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Intake of one mail: {@link #decide} reads and decides, then exactly one of {@link #createTask},
 * {@link #reject}, {@link #quarantine} writes the outcome and the raw mail in one transaction. A failure
 * that will pass is thrown as {@link TransientIntakeException} so the mail stays on the server.
 */
public final class IntakeService {

    private static final int MAX_KEY_LENGTH = 900;
    private static final int MAX_ATTEMPTS = 3;
    /** The key of a duplicate's record starts so: unique, and never taken for a mail's key. */
    private static final String DUPLICATE_KEY = "duplicate:";
    /**
     * Reports that are never work for anyone. List and bulk mail are handled apart (see {@link #listMail}): a
     * support address fed through a mailing list (Google Groups) carries List-Id on every mail.
     */
    private static final Set<ReportKind> IGNORED_REPORTS = EnumSet.of(ReportKind.DELIVERY_STATUS,
            ReportKind.AUTO_REPLY, ReportKind.AUTO_GENERATED, ReportKind.FEEDBACK_REPORT,
            ReportKind.DISPOSITION_NOTIFICATION);

    private final Database database;
    private final MailPreparation preparation;
    private final AddressResolver resolver;
    private final Threads threads;
    private final Notifications notifications;
    private volatile boolean notDeliveredNotice;
    private volatile boolean allowListOnly;
    private volatile long maxMailBytes = 50L << 20;
    private volatile long maxAttachmentBytes = 25L << 20;
    /** In the order configured: the first verdict found is the one recorded. */
    private volatile Map<String, String> spamVerdicts = java.util.Collections.unmodifiableMap(
            new java.util.LinkedHashMap<>(Map.of("X-Spam-Flag", "yes")));
    private volatile boolean quarantineSpam = true;
    /** List-Ids whose mail is ordinary mail (a support address that is a Google Group), lower case. */
    private volatile Set<String> acceptedLists = Set.of();
    private volatile int floodLimit = 20;
    private volatile java.time.Duration floodWindow = java.time.Duration.ofMinutes(10);
    /** authserv-ids of the receiving servers whose Authentication-Results count (lower case). */
    private volatile Set<String> trustedServers = Set.of();
    /** What a stranger's mail into a task does when its project does not say. */
    private volatile Project.StrangerMail strangerMail = Project.StrangerMail.HOLD;
    private final People people;
    private final Clock clock;
    private final int maxCcParticipants;

    public IntakeService(Database database, MailParser parser, AddressResolver resolver, RuleBook rules,
            Threads threads, Notifications notifications, People people, Clock clock, int maxCcParticipants) {
        this.database = database;
        this.notifications = notifications;
        this.threads = threads;
        this.preparation = new MailPreparation(parser, resolver, rules);
        this.resolver = resolver;
        this.people = people;
        this.clock = clock;
        this.maxCcParticipants = maxCcParticipants;
    }

    /**
     * What intake would do with a mail, with no side effect: parse, resolve, rules. A mail recorded before is
     * decided as if new.
     */
    public IntakeDecision dryRun(ReceivedMail received) {
        return decide(received, false);
    }

    public IntakeDecision decide(ReceivedMail received) {
        return decide(received, received.reprocessing() == null);
    }

    private IntakeDecision decide(ReceivedMail received, boolean checkDuplicates) {
        PreparedMail content;
        try {
            content = preparation.prepare(received); // all content work, before any transaction
        } catch (MailParseException e) {
            return IntakeDecision.recordOnly(IntakeAction.QUARANTINE, received, null, hashKey(received.raw()),
                    List.of(), "quarantined: not a readable mail", e.getMessage());
        } catch (MailPreparation.OverBudget e) {
            // Held for a person (reprocess it); the mail behind it goes on now.
            InboundMail parsed = e.mail();
            return IntakeDecision.recordOnly(IntakeAction.QUARANTINE, received, parsed,
                    parsed == null ? hashKey(received.raw()) : messageKey(parsed, received.raw()), List.of(),
                    "quarantined: " + e.getMessage(), e.advice());
        }
        InboundMail mail = content.mail();
        String key = messageKey(mail, received.raw());
        try {
            return database.inTransaction(session -> {
                Earlier earlier = checkDuplicates ? earlier(session, received.accountId(), key, mail.messageId())
                        : Earlier.NONE;
                if (earlier.sameMail() != null) {
                    return duplicateOf(session, received, mail, earlier.sameMail());
                }
                List<Recipient> recipients = resolver.resolve(mail, new SessionDirectory(session));
                IntakeDecision decision = decide(session, received, content, key, recipients);
                List<Long> others = earlier.otherMails();
                return others.isEmpty() ? decision : decision.withReason(decision.reason()
                        + "; its Message-ID was used before by other content (message #"
                        + others.stream().limit(5).map(String::valueOf).collect(Collectors.joining(", #"))
                        + (others.size() > 5 ? " and " + (others.size() - 5) + " more" : "") + ")");
            }).withContent(content);
        } catch (RuntimeException e) {
            throw Failures.classify(e, "deciding on " + key);
        }
    }

    private IntakeDecision decide(Session session, ReceivedMail received, PreparedMail content, String key,
            List<Recipient> recipients) {
        InboundMail mail = content.mail();
        if (recipients.isEmpty()) {
            return IntakeDecision.recordOnly(IntakeAction.REJECT, received, mail, key, recipients,
                    "rejected: no recipient is an address of ours", null);
        }
        if (threads.isOurOwn(mail)) {
            // Our own mail came back (a forward loop, a catch-all that also receives what we send): never act.
            return IntakeDecision.recordOnly(IntakeAction.IGNORE, received, mail, key, recipients,
                    "ignored: our own mail came back", null);
        }
        MailReport report = mail.report();
        if (IGNORED_REPORTS.contains(report.kind())) {
            // Machines answering machines: never a task, never a reply (the mail loop starts here otherwise).
            // A bounce of our mail marks that delivery; an auto-reply to it is filed with its task.
            String what = "ignored: " + report.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " ("
                    + String.join("; ", report.signals()) + ")";
            Optional<Threads.Match> about = threads.find(session, mail);
            Long bounced = report.isBounce() ? threads.outboxOf(session, report.originalMessageId()) : null;
            return new IntakeDecision(IntakeAction.IGNORE, received, mail, key, recipients,
                    what + (bounced != null ? "; bounce of outbox mail " + bounced : "")
                            + about.map(m -> "; about task #" + m.taskNumber()).orElse(""),
                    bounced == null ? null : bounceReason(report), about.map(Threads.Match::taskId).orElse(null),
                    null, false, null, null, bounced, null);
        }
        String list = listMail(session, mail);
        if (list != null) {
            return IntakeDecision.recordOnly(IntakeAction.IGNORE, received, mail, key, recipients, list, null);
        }
        String oversize = oversize(received, mail);
        if (oversize != null) {
            // Kept whole for a person to decide; never cut down silently.
            return IntakeDecision.recordOnly(IntakeAction.QUARANTINE, received, mail, key, recipients,
                    "quarantined: " + oversize, oversize);
        }
        People.Person sender = mail.from() == null ? null : people.find(session, mail.from());
        if (sender != null && sender.contact() != null && sender.contact().spammer()) {
            return IntakeDecision.recordOnly(IntakeAction.IGNORE, received, mail, key, recipients,
                    "ignored: blocked sender " + sender.contact().email(), null);
        }
        if (allowListOnly && sender == null) {
            return IntakeDecision.recordOnly(IntakeAction.IGNORE, received, mail, key, recipients,
                    "ignored: " + (mail.from() == null ? "no sender" : mail.from().normalized())
                            + " is not a known employee or contact (allow-list mode)", null);
        }
        String spam = spamVerdict(mail);
        if (spam != null) {
            // The upstream filter's word counts: kept for a person to look at, or just recorded.
            return IntakeDecision.recordOnly(quarantineSpam ? IntakeAction.QUARANTINE : IntakeAction.IGNORE,
                    received, mail, key, recipients, (quarantineSpam ? "quarantined" : "ignored")
                            + ": spam by the upstream filter (" + spam + ")", quarantineSpam ? "spam: " + spam : null);
        }
        SubjectDirectives subject = SubjectDirectives.of(mail.subject());
        // A reply to one of our mails continues its task, whichever of our addresses it came to.
        Optional<Threads.Match> thread = threads.find(session, mail);
        if (thread.isPresent() && thread.get().automatic()) {
            LoopGuard.Loop loop = LoopGuard.check(session, mail, content.commentText(), thread.get().taskId(),
                    clock.instant());
            if (loop != null) {
                return new IntakeDecision(loop.quarantine() ? IntakeAction.QUARANTINE : IntakeAction.IGNORE, received,
                        mail, key, recipients, loop.reason() + "; about task #" + thread.get().taskNumber(),
                        loop.quarantine() ? "loop" : null, loop.quarantine() ? null : thread.get().taskId(), null,
                        false, null, null, null, null);
            }
        }
        if (thread.isPresent()) {
            return new IntakeDecision(IntakeAction.ADD_COMMENT, received, mail, key, recipients,
                    "add comment: reply to task #" + thread.get().taskNumber() + " (" + thread.get().signal() + ")",
                    null, thread.get().taskId(), Titles.fromSubject(subject.subject()), subject.notifyPeople(), null,
                    null, null, thread.get().commentId());
        }
        List<Recipient> known = recipients.stream().filter(Recipient::known).toList();
        if (known.isEmpty()) {
            return IntakeDecision.recordOnly(IntakeAction.REJECT, received, mail, key, recipients,
                    "rejected: no such address: " + addresses(recipients), null);
        }
        String title = Titles.fromSubject(subject.subject());
        // A task address means "this belongs to that task": it wins over every other address of the mail.
        for (Recipient recipient : known) {
            if (recipient.kind() == Recipient.Kind.TASK) {
                return new IntakeDecision(IntakeAction.ADD_COMMENT, received, mail, key, recipients,
                        "add comment: task address " + recipient.address(), null, recipient.id(), title,
                        subject.notifyPeople(), null, null, null, null);
            }
            if (recipient.kind() == Recipient.Kind.TASK_SEARCH && subject.searchText() != null) {
                Long found = taskWithTitleContaining(session, subject.searchText());
                if (found != null) {
                    return new IntakeDecision(IntakeAction.ADD_COMMENT, received, mail, key, recipients,
                            "add comment: " + recipient.address() + " with #" + subject.searchText(), null, found,
                            title, subject.notifyPeople(), null, null, null, null);
                }
                title = Titles.fromSubject(subject.subjectWithoutHash());
            }
        }
        Optional<Threads.Match> tagged = threads.bySubjectTag(session, mail);
        if (tagged.isPresent()) {
            return new IntakeDecision(IntakeAction.ADD_COMMENT, received, mail, key, recipients,
                    "add comment: reply to task #" + tagged.get().taskNumber() + " (" + tagged.get().signal() + ")",
                    null, tagged.get().taskId(), title, subject.notifyPeople(), null, null, null, null);
        }
        IntakeDecision ruled = applyRules(session, received, content, key, recipients, known, title,
                subject.notifyPeople());
        long recent = ruled.action() == IntakeAction.CREATE_TASK ? recentTasksFrom(session, mail) : 0;
        if (recent >= floodLimit) {
            // One sender making task after task is a loop or a flood: held for a person, not hundreds of tasks.
            return IntakeDecision.recordOnly(IntakeAction.QUARANTINE, received, mail, key, recipients,
                    "quarantined: flood: " + recent + " new tasks from " + mail.from().normalized() + " in the last "
                            + floodWindow.toMinutes() + " minutes", "flood");
        }
        return ruled;
    }

    /**
     * Why list or bulk mail is ignored, or null when it is not such mail or is to be taken as ordinary mail.
     * Mail to a list is for its readers, not work for us, unless the list is one of ours (an accepted List-Id).
     * A list member's reply to a mail we sent is taken all the same (as its comment): it answers us, the list
     * only carried it; a loop cannot come of it, since a comment mails only employees and the loop guard
     * watches those. An auto-reply through a list is ignored earlier, as an auto-reply.
     */
    private String listMail(Session session, InboundMail mail) {
        ReportKind kind = mail.report().kind();
        if (kind != ReportKind.LIST && kind != ReportKind.BULK || acceptedList(mail)) {
            return null;
        }
        if (threads.find(session, mail).filter(Threads.Match::toUs).isPresent()) {
            return null;
        }
        return "ignored: " + (kind == ReportKind.LIST ? "list" : "bulk") + " mail ("
                + String.join("; ", mail.report().signals()) + "); not an accepted list (mailtask.intake.accepted-lists)";
    }

    private boolean acceptedList(InboundMail mail) {
        Set<String> accepted = acceptedLists;
        String listId = mail.header("List-Id");
        return !accepted.isEmpty() && listId != null && accepted.contains(listId(listId));
    }

    /** "Support &lt;support.example.com&gt;" → "support.example.com"; a list address support@example.com alike. */
    static String listId(String value) {
        String v = value.strip();
        int open = v.lastIndexOf('<');
        int close = v.lastIndexOf('>');
        if (open >= 0 && close > open) {
            v = v.substring(open + 1, close);
        }
        return v.strip().toLowerCase(Locale.ROOT).replace('@', '.');
    }

    /** List-Ids (or list addresses) whose mail is taken as ordinary mail; all other list and bulk mail is ignored. */
    public void setAcceptedLists(java.util.Collection<String> lists) {
        this.acceptedLists = lists.stream().filter(l -> !l.isBlank()).map(IntakeService::listId)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Tasks the sender's mail created within the flood window. */
    private long recentTasksFrom(Session session, InboundMail mail) {
        if (mail.from() == null || mail.from().address().isEmpty()) {
            return 0;
        }
        return session.createSelectionQuery("select count(m) from MessageRecord m where m.fromAddress = :from"
                        + " and m.receivedAt > :since and m.taskId is not null and m.commentId is null", Long.class)
                .setParameter("from", mail.from().normalized())
                .setParameter("since", clock.instant().minus(floodWindow))
                .getSingleResult();
    }

    /** At most {@code limit} new tasks per sender within {@code window}; more is quarantined as a flood. */
    public void setFloodLimit(int limit, java.time.Duration window) {
        this.floodLimit = limit;
        this.floodWindow = window;
    }

    /**
     * Each addressed rule set decides; one mail still makes one outcome. The strongest action wins (add comment, create task, contact only, ignore: ignoring needs every
     * address to agree, so nothing is dropped because one address's rules did not care), and the task settings
     * merge in address order.
     */
    private IntakeDecision applyRules(Session session, ReceivedMail received, PreparedMail content, String key,
            List<Recipient> recipients, List<Recipient> known, String title, boolean notifyPeople) {
        InboundMail mail = content.mail();
        List<RuleDecision> ruled = new ArrayList<>();
        boolean unruled = false;
        for (Recipient recipient : known) {
            // An address without rules has the default rule only: create a task. It is traced all the same,
            // so every mail's record says which rules (none) decided it. Evaluated before the transaction.
            ruled.add(content.ruling(localPart(recipient.address())));
        }
        List<Trace> traces = ruled.stream().map(RuleDecision::trace).toList();
        TaskSettings settings = TaskSettingsMerge.merge(ruled.stream().map(RuleDecision::task).toList());
        String addressed = known.stream().map(IntakeService::describe).collect(Collectors.joining(", "));
        String why = ruled.stream().map(RuleDecision::why).collect(Collectors.joining("; "));
        String because = why.isEmpty() ? "" : " (" + why + ")";

        for (RuleDecision decision : ruled) {
            if (decision.action() == RuleAction.ADD_COMMENT) {
                Long task = taskFor(session, decision.comment());
                if (task != null) {
                    return new IntakeDecision(IntakeAction.ADD_COMMENT, received, mail, key, recipients,
                            "add comment: task " + decision.comment().reference() + because, null, task, title,
                            notifyPeople, settings, traces, null, null);
                }
                if (decision.comment().ifNotFound() == IfNotFound.CREATE_TASK) {
                    unruled = true;
                }
            }
        }
        boolean create = unruled || ruled.stream().anyMatch(d -> d.action() == RuleAction.CREATE_TASK);
        if (create) {
            return new IntakeDecision(IntakeAction.CREATE_TASK, received, mail, key, recipients,
                    "create task: " + addressed + because, null, null,
                    settings.title() != null ? Titles.fromSubject(settings.title()) : title, notifyPeople, settings,
                    traces, null, null);
        }
        IntakeAction action = ruled.stream().anyMatch(d -> d.action() == RuleAction.CONTACT_ONLY)
                ? IntakeAction.CONTACT_ONLY : IntakeAction.IGNORE;
        return new IntakeDecision(action, received, mail, key, recipients,
                (action == IntakeAction.IGNORE ? "ignored by rules: " : "contact only: ") + addressed + because, null,
                null, title, notifyPeople, settings, traces, null, null);
    }

    /** The task a rule's "add comment" names: by number, else by a task field or title holding the reference. */
    private static Long taskFor(Session session, CommentTarget target) {
        if (target.taskNumber() != null) {
            return session.createSelectionQuery("select t.id from Task t where t.number = :n", Long.class)
                    .setParameter("n", target.taskNumber()).uniqueResultOptional().orElse(null);
        }
        List<Long> byField = session.createSelectionQuery(
                        "select t.id from Task t join t.fields f where f = :v order by t.id", Long.class)
                .setParameter("v", target.reference()).setMaxResults(1).getResultList();
        return byField.isEmpty() ? taskWithTitleContaining(session, target.reference()) : byField.get(0);
    }

    private static String localPart(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }

    /** The oldest task whose title contains the text, ignoring case; null when there is none. */
    private static Long taskWithTitleContaining(Session session, String text) {
        String pattern = "%" + text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        List<Long> ids = session.createSelectionQuery(
                        "select t.id from Task t where lower(t.title) like :p escape '\\' order by t.id", Long.class)
                .setParameter("p", pattern)
                .setMaxResults(1)
                .getResultList();
        return ids.isEmpty() ? null : ids.get(0);
    }

    private static String describe(Recipient recipient) {
        return switch (recipient.kind()) {
            case EMPLOYEE -> "employee address " + recipient.address();
            case VIRTUAL_ADDRESS -> "virtual address " + recipient.address();
            case PROJECT -> "project address " + recipient.address();
            case TASK, TASK_SEARCH -> "task address " + recipient.address();
            case UNKNOWN -> "unknown address " + recipient.address();
        };
    }

    private static String addresses(List<Recipient> recipients) {
        return recipients.stream().map(Recipient::address).collect(Collectors.joining(", "));
    }

    public IntakeOutcome createTask(IntakeDecision decision) {
        return write(decision, session -> {
            InboundMail mail = decision.mail();
            Instant now = clock.instant();
            Project project = null;
            TaskSettings settings = decision.settings();
            Task task = new Task(decision.title(), description(settings, mail.textBody()),
                    decision.content().safeHtml(), null, decision.accountId(), now);
            for (Recipient recipient : decision.recipients()) {
                switch (recipient.kind()) {
                    case EMPLOYEE -> task.assignees().add(session.getReference(Employee.class, recipient.id()));
                    case PROJECT -> project = project != null ? project
                            : session.getReference(Project.class, recipient.id());
                    case VIRTUAL_ADDRESS -> {
                        Project own = session.get(VirtualAddress.class, recipient.id()).project();
                        project = project != null ? project : own;
                    }
                    case TASK, TASK_SEARCH, UNKNOWN -> { }
                }
            }
            if (settings.project() != null) {
                project = session.createSelectionQuery("from Project p where p.number = :n", Project.class)
                        .setParameter("n", settings.project()).uniqueResultOptional().orElse(project);
            }
            task.setProject(project);
            SenderIdentity identity = SenderIdentity.of(session, mail, people, trustedServers, resolver::isOurs);
            People.Person sender = identity.acting(session, people, now);
            if (sender != null) {
                task.setAssigner(sender.employee(), sender.contact());
            }
            addParticipants(session, task, mail, now);
            task.assignees().addAll(employees(session, settings.assignees()));
            task.participantEmployees().addAll(employees(session, settings.participants()));
            task.auditors().addAll(employees(session, settings.auditors()));
            if (settings.status() != null) {
                task.setStatus(settings.status());
            }
            settings.fields().forEach((name, value) -> task.fields().put(Columns.clip(name, 200),
                    Columns.clip(value, 4000)));
            for (MailAttachment a : mail.attachments()) {
                task.addAttachment(a.fileName(), a.contentType(), a.contentId(), a.inline(), a.content());
            }
            task.persist(session);
            MessageRecord record = record(session, decision, MessageStatus.PROCESSED,
                    decision.reason() + " → task #" + task.number() + doubt(identity), null, task.id());
            return new IntakeOutcome(IntakeAction.CREATE_TASK, MessageStatus.PROCESSED, record.id(), task.id(),
                    task.number(), "task #" + task.number() + " \"" + task.title() + "\"");
        });
    }

    private static String doubt(SenderIdentity identity) {
        return identity.doubt() == null ? "" : "; " + identity.doubt();
    }

    /**
     * The description the rules shape: their prefix, the mail's text, their suffix; the text itself when they
     * add nothing (a body of many megabytes is not copied for nothing).
     */
    private static String description(TaskSettings settings, String text) {
        if (settings.descriptionPrefix() == null && settings.descriptionSuffix() == null) {
            return text;
        }
        return (settings.descriptionPrefix() == null ? "" : settings.descriptionPrefix()) + text
                + (settings.descriptionSuffix() == null ? "" : settings.descriptionSuffix());
    }

    /** Employees by login; a login that no longer exists is skipped (the trace shows what the rule asked). */
    private static List<Employee> employees(Session session, List<String> logins) {
        if (logins == null || logins.isEmpty()) {
            return List.of();
        }
        return session.createSelectionQuery("from Employee e where e.login in :logins and e.active", Employee.class)
                .setParameter("logins", logins.stream().map(l -> l.toLowerCase(Locale.ROOT)).toList())
                .getResultList();
    }

    /** The rules said only to know the sender: the contact is found or created, nothing else. */
    public IntakeOutcome contactOnly(IntakeDecision decision) {
        return write(decision, session -> {
            SenderIdentity identity = SenderIdentity.of(session, decision.mail(), people, trustedServers, resolver::isOurs);
            People.Person sender = identity.acting(session, people, clock.instant());
            String who = sender == null ? "no usable sender" + doubt(identity)
                    : sender.contact() != null ? "contact " + sender.contact().email() : "employee "
                    + sender.employee().login();
            MessageRecord record = record(session, decision, MessageStatus.PROCESSED, decision.reason() + " → " + who,
                    null, null);
            return new IntakeOutcome(IntakeAction.CONTACT_ONLY, MessageStatus.PROCESSED, record.id(), null, null, who);
        });
    }

    /**
     * The mail becomes a comment on the task it was addressed to: authored by the sender (a contact is created
     * for an unknown one and joins the task's participants), its attachments filed with the comment.
     */
    public IntakeOutcome addComment(IntakeDecision decision) {
        return write(decision, session -> {
            InboundMail mail = decision.mail();
            Instant now = clock.instant();
            Task task = session.get(Task.class, decision.taskId());
            SenderIdentity identity = SenderIdentity.of(session, mail, people, trustedServers, resolver::isOurs);
            String stranger = stranger(task, identity);
            if (stranger != null) {
                return hold(session, decision, task, identity, stranger, now);
            }
            People.Person author = identity.acting(session, people, now);
            String reopened = "";
            if (task.status() == TaskStatus.CLOSED) {
                if (task.project() != null && task.project().closedTaskReply() == Project.ClosedTaskReply.NEW_TASK) {
                    return followUp(session, decision, task, author, now);
                }
                task.setStatus(TaskStatus.OPEN);
                reopened = " (reopened)";
            }
            Comment comment = new Comment(task, author == null ? null : author.employee(),
                    author == null ? null : author.contact(), decision.content().commentText(), false, now);
            session.persist(comment);
            comment.notifiedEmployees().addAll(toBeTold(session, decision, task));
            session.flush();
            if (decision.notifyPeople()) {
                notifications.notify(session, task, comment, comment.notifiedEmployees(),
                        author == null ? "Someone" : author.employee() != null ? author.employee().name()
                                : author.contact().name(), now);
            }
            if (author != null && author.contact() != null) {
                task.participantContacts().add(author.contact());
            }
            addParticipants(session, task, mail, now); // a reply-all's Cc joins the conversation
            for (MailAttachment a : mail.attachments()) {
                task.addAttachment(a.fileName(), a.contentType(), a.contentId(), a.inline(), a.content())
                        .belongTo(comment);
            }
            MessageRecord record = record(session, decision, MessageStatus.PROCESSED,
                    decision.reason() + " → comment on task #" + task.number() + reopened, null, task.id());
            record.setCommentId(comment.id());
            return new IntakeOutcome(IntakeAction.ADD_COMMENT, MessageStatus.PROCESSED, record.id(), task.id(),
                    task.number(), "comment on task #" + task.number() + " \"" + task.title() + "\"");
        });
    }

    /** Who is told of a mail's comment: those told of the comment it answers; else the task's assignees. */
    private static java.util.Collection<Employee> toBeTold(Session session, IntakeDecision decision, Task task) {
        Comment answered = decision.answersComment() == null ? null
                : session.find(Comment.class, decision.answersComment());
        if (answered != null && !answered.task().id().equals(task.id())) {
            answered = null; // never let another task's comment decide who hears of this one
        }
        return answered != null ? answered.notifiedEmployees() : task.assignees();
    }

    /**
     * Why the sender may not write into this task, or null when they may: a proven employee may; a contact who
     * takes part in the task (its assigner or a participant) or who answers our mail to them about it may;
     * anyone else is a stranger, held for an employee unless the task's project lets strangers in. An
     * employee's address not proven, and a forged sender, are always held.
     */
    private String stranger(Task task, SenderIdentity identity) {
        if (identity.proof() == SenderIdentity.Proof.FORGED || identity.proof() == SenderIdentity.Proof.OUR_ADDRESS
                || identity.unprovenEmployee()) {
            return identity.doubt();
        }
        People.Person person = identity.person();
        if (person != null && person.employee() != null) {
            return null; // proven: unprovenEmployee() said no above
        }
        if (identity.answers(task.id()) || person != null && (person.contact().equals(task.assignerContact())
                || task.participantContacts().contains(person.contact()))) {
            return null;
        }
        Project.StrangerMail policy = task.project() != null && task.project().strangerMail() != null
                ? task.project().strangerMail() : strangerMail;
        if (policy == Project.StrangerMail.ACCEPT) {
            return null;
        }
        return (identity.address() == null ? "no sender" : identity.address()) + " takes no part in task #"
                + task.number();
    }

    /**
     * A stranger's mail into a task: kept as a held comment that tells no one and makes no one a participant
     * until an employee lets it in ({@link #admit}). No contact is made for an unknown sender meanwhile.
     */
    private IntakeOutcome hold(Session session, IntakeDecision decision, Task task, SenderIdentity identity,
            String why, Instant now) {
        InboundMail mail = decision.mail();
        People.Person known = identity.person();
        Comment comment = new Comment(task, null, known != null && identity.proof() != SenderIdentity.Proof.FORGED
                ? known.contact() : null, decision.content().commentText(), false, now);
        comment.hold(identity.address());
        session.persist(comment);
        comment.notifiedEmployees().addAll(toBeTold(session, decision, task));
        for (MailAttachment a : mail.attachments()) {
            task.addAttachment(a.fileName(), a.contentType(), a.contentId(), a.inline(), a.content())
                    .belongTo(comment);
        }
        session.flush();
        MessageRecord record = record(session, decision, MessageStatus.PROCESSED, decision.reason()
                + " → held comment " + comment.id() + " on task #" + task.number() + " (" + why
                + "; an employee lets it in: POST /api/tasks/" + task.id() + "/comments/" + comment.id() + "/admit)",
                null, task.id());
        record.setCommentId(comment.id());
        return new IntakeOutcome(IntakeAction.ADD_COMMENT, MessageStatus.PROCESSED, record.id(), task.id(),
                task.number(), "held comment on task #" + task.number() + " \"" + task.title() + "\" (" + why + ")");
    }

    /**
     * An employee lets a held comment in: its sender becomes the author (a contact is made for a new address;
     * an employee's address stays unattributed) and a participant, with the mail's Cc, and those it would have
     * told are told now.
     *
     * @throws IllegalArgumentException no such comment on that task
     * @throws IllegalStateException    the comment is not held
     */
    public void admit(long taskId, long commentId) {
        byte[] raw = database.inTransaction(session -> {
            heldComment(session, taskId, commentId);
            List<Long> ids = session.createSelectionQuery("select m.id from MessageRecord m where m.commentId = :c",
                    Long.class).setParameter("c", commentId).setMaxResults(1).getResultList();
            RawMail stored = ids.isEmpty() ? null : session.find(RawMail.class, ids.get(0));
            return stored == null ? null : stored.raw();
        });
        InboundMail mail = parsedOrNull(raw); // its Cc, read outside the transaction
        database.inTransaction(session -> {
            Comment comment = heldComment(session, taskId, commentId);
            Task task = comment.task();
            Instant now = clock.instant();
            comment.admit();
            MailAddress sender = comment.sender() == null ? null : new MailAddress(comment.sender(), null);
            People.Person author = sender == null || resolver.isOurs(sender) ? null
                    : people.findOrCreate(session, sender, now);
            if (author != null && author.contact() != null) {
                comment.setAuthorContact(author.contact());
                task.participantContacts().add(author.contact());
            }
            if (mail != null) {
                addParticipants(session, task, mail, now);
            }
            session.flush();
            notifications.notify(session, task, comment, comment.notifiedEmployees(), author == null ? "Someone"
                    : author.contact() != null ? author.contact().name() : comment.sender(), now);
            return null;
        });
    }

    private static Comment heldComment(Session session, long taskId, long commentId) {
        Comment comment = session.find(Comment.class, commentId);
        if (comment == null || !comment.task().id().equals(taskId)) {
            throw new IllegalArgumentException("no comment " + commentId + " on task " + taskId);
        }
        if (!comment.held()) {
            throw new IllegalStateException("comment " + commentId + " is not held");
        }
        return comment;
    }

    /** A stored mail parsed again; null when there is none or it no longer parses (or is over its budget). */
    private InboundMail parsedOrNull(byte[] raw) {
        try {
            return raw == null ? null : preparation.parse(raw);
        } catch (MailParseException | ContentBudget.Exceeded e) {
            return null;
        }
    }

    /** A reply to a closed task of a project that wants it so: a new task that follows the closed one. */
    private IntakeOutcome followUp(Session session, IntakeDecision decision, Task closed, People.Person author,
            Instant now) {
        InboundMail mail = decision.mail();
        Task task = new Task(closed.title(), mail.textBody(), decision.content().safeHtml(), closed.project(),
                decision.accountId(), now);
        task.setFollows(closed);
        if (author != null) {
            task.setAssigner(author.employee(), author.contact());
            if (author.contact() != null) {
                task.participantContacts().add(author.contact());
            }
        }
        task.assignees().addAll(closed.assignees());
        for (MailAttachment a : mail.attachments()) {
            task.addAttachment(a.fileName(), a.contentType(), a.contentId(), a.inline(), a.content());
        }
        task.persist(session);
        MessageRecord record = record(session, decision, MessageStatus.PROCESSED, decision.reason() + " → task #"
                + closed.number() + " is closed: new task #" + task.number() + " follows it", null, task.id());
        return new IntakeOutcome(IntakeAction.CREATE_TASK, MessageStatus.PROCESSED, record.id(), task.id(),
                task.number(), "task #" + task.number() + " following closed task #" + closed.number());
    }

    private void addParticipants(Session session, Task task, InboundMail mail, Instant now) {
        List<MailAddress> cc = mail.cc();
        if (cc.size() > maxCcParticipants) {
            return; // a mass mailing: its recipients are not our contacts
        }
        String sender = mail.from() == null ? null : mail.from().normalized();
        for (MailAddress address : cc) {
            if (address.normalized().equals(sender) || resolver.isOurs(address)) {
                continue;
            }
            People.Person person = people.findOrCreate(session, address, now);
            if (person == null) {
                continue;
            }
            if (person.employee() != null) {
                task.participantEmployees().add(person.employee());
            } else {
                task.participantContacts().add(person.contact());
            }
        }
    }

    /**
     * Records a mail addressed to nothing we know. With {@code notDeliveredNotice} on, the sender is told (a
     * person's mail only: never machines, never our own addresses).
     */
    public IntakeOutcome reject(IntakeDecision decision) {
        return write(decision, session -> {
            MessageRecord record = record(session, decision, MessageStatus.REJECTED, decision.reason(), null, null);
            InboundMail mail = decision.mail();
            if (notDeliveredNotice && mail != null && mail.from() != null && mail.from().address().contains("@")
                    && mail.report().kind() == ReportKind.NONE && !resolver.isOurs(mail.from())) {
                notifications.notDelivered(session, mail.from(), mail.subject(),
                        decision.recipients().stream().map(Recipient::address).toList(), record.id(), clock.instant());
            }
            return new IntakeOutcome(IntakeAction.REJECT, MessageStatus.REJECTED, record.id(), null, null,
                    decision.reason());
        });
    }

    /** The spam verdict header that marks this mail, as "Name: value", or null. */
    private String spamVerdict(InboundMail mail) {
        for (Map.Entry<String, String> verdict : spamVerdicts.entrySet()) {
            String value = mail.header(verdict.getKey());
            if (value != null && value.strip().toLowerCase(Locale.ROOT).startsWith(verdict.getValue())) {
                return verdict.getKey() + ": " + value.strip();
            }
        }
        return null;
    }

    /**
     * Headers by which an upstream filter says "spam" (name → value prefix, case-insensitive), and whether such
     * mail is quarantined (else ignored).
     */
    public void setSpamVerdicts(Map<String, String> verdicts, boolean quarantine) {
        Map<String, String> lower = new java.util.LinkedHashMap<>();
        verdicts.forEach((name, prefix) -> lower.put(name.strip(), prefix.strip().toLowerCase(Locale.ROOT)));
        this.spamVerdicts = java.util.Collections.unmodifiableMap(lower);
        this.quarantineSpam = quarantine;
    }

    /** Why the mail is over a size limit, or null. */
    private String oversize(ReceivedMail received, InboundMail mail) {
        if (received.raw().length > maxMailBytes) {
            return "the mail has " + received.raw().length + " bytes, over the limit of " + maxMailBytes;
        }
        for (MailAttachment a : mail.attachments()) {
            if (a.size() > maxAttachmentBytes) {
                return "attachment " + a.fileName() + " has " + a.size() + " bytes, over the limit of "
                        + maxAttachmentBytes;
            }
        }
        return null;
    }

    /** Size limits: a larger mail or attachment is quarantined with the reason. */
    public void setSizeLimits(long maxMailBytes, long maxAttachmentBytes) {
        this.maxMailBytes = maxMailBytes;
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    /**
     * The receiving servers (their authserv-id) whose Authentication-Results header proves a sender; see
     * {@link SenderIdentity}.
     */
    public void setTrustedServers(java.util.Collection<String> authservIds) {
        this.trustedServers = authservIds.stream().map(String::strip).filter(id -> !id.isEmpty())
                .map(id -> id.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** Whether a stranger's mail into a task is held for an employee (the default) or let in. */
    public void setStrangerMail(Project.StrangerMail policy) {
        this.strangerMail = policy;
    }

    /** The time one mail's content may take to work out; a mail over it is quarantined with the reason. */
    public void setContentBudget(java.time.Duration budget) {
        preparation.setBudget(budget);
    }

    /** Accept mail only from known employees and contacts. */
    public void setAllowListOnly(boolean on) {
        this.allowListOnly = on;
    }

    /** Tell senders of undeliverable mail (off by default: backscatter to forged senders). */
    public void setNotDeliveredNotice(boolean on) {
        this.notDeliveredNotice = on;
    }

    /** Recorded, linked to its task when it is about one; a bounce of our mail marks that delivery bounced. */
    public IntakeOutcome ignore(IntakeDecision decision) {
        return write(decision, session -> {
            if (decision.bouncedOutboxId() != null) {
                OutboxMail bounced = Deliveries.bounced(session, decision.bouncedOutboxId(), decision.error());
                if (bounced != null) {
                    notifications.bounced(session, bounced, decision.error(), clock.instant());
                }
            }
            MessageRecord record = record(session, decision, MessageStatus.IGNORED, decision.reason(), null,
                    decision.taskId());
            return new IntakeOutcome(IntakeAction.IGNORE, MessageStatus.IGNORED, record.id(), decision.taskId(), null,
                    decision.reason());
        });
    }

    /** Each failed recipient with its status and the server's diagnostic, as one line. */
    private static String bounceReason(MailReport report) {
        return report.failedRecipients().stream()
                .map(r -> r.address() + ": " + r.status() + (r.diagnosticCode() == null ? "" : " " + r.diagnosticCode()))
                .collect(Collectors.joining("; "));
    }

    /**
     * A duplicate is recorded too (every mail acknowledged leaves a record), under a key of its own, linked to
     * the first copy's task; nothing else is done.
     */
    public IntakeOutcome duplicate(IntakeDecision decision) {
        return write(decision, session -> {
            MessageRecord record = record(session, decision, MessageStatus.DUPLICATE, decision.reason(), null,
                    decision.taskId());
            return new IntakeOutcome(IntakeAction.DUPLICATE, MessageStatus.DUPLICATE, record.id(), decision.taskId(),
                    null, decision.reason());
        });
    }

    private static IntakeDecision duplicateOf(Session session, ReceivedMail received, InboundMail mail,
            long original) {
        MessageRecord first = session.find(MessageRecord.class, original);
        return new IntakeDecision(IntakeAction.DUPLICATE, received, mail, DUPLICATE_KEY + original + ":"
                + java.util.UUID.randomUUID(), List.of(), "duplicate: the same mail as message #" + original
                + " (same Message-ID and content)", null, first == null ? null : first.taskId(), null, true, null,
                null, null, null);
    }

    public IntakeOutcome quarantine(IntakeDecision decision) {
        return settleOnly(decision, MessageStatus.QUARANTINED, decision.error());
    }

    /**
     * The last resort of the intake route: processing failed. A transient failure is rethrown so the mail
     * stays on the server; any other one quarantines the mail with the error.
     */
    public IntakeOutcome quarantineFailure(ReceivedMail received, Throwable failure) {
        if (Failures.isTransient(failure)) {
            throw failure instanceof TransientIntakeException t ? t
                    : new TransientIntakeException(Failures.rootMessage(failure), failure);
        }
        InboundMail mail = null;
        String key;
        try {
            mail = preparation.parse(received.raw());
            key = messageKey(mail, received.raw());
        } catch (MailParseException | RuntimeException e) {
            key = hashKey(received.raw());
        }
        IntakeDecision decision = IntakeDecision.recordOnly(IntakeAction.QUARANTINE, received, mail, key, List.of(),
                "quarantined: processing failed", Failures.describe(failure));
        return quarantine(decision);
    }

    private IntakeOutcome settleOnly(IntakeDecision decision, MessageStatus status, String error) {
        return write(decision, session -> {
            MessageRecord record = record(session, decision, status, decision.reason(), error, null);
            return new IntakeOutcome(decision.action(), status, record.id(), null, null, decision.reason());
        });
    }

    /**
     * Runs one mail's writes in one transaction. A unique-key clash on the message key means the mail is already
     * recorded (a duplicate); a clash on anything else (two pollers creating the same contact at once) is
     * retried, and the retry finds what the other transaction committed.
     */
    private IntakeOutcome write(IntakeDecision decision, Function<Session, IntakeOutcome> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return database.inTransaction(work);
            } catch (ConstraintViolationException e) {
                if (isMessageKeyViolation(e) && decision.action() != IntakeAction.DUPLICATE) {
                    // another poller recorded the same mail a moment ago
                    IntakeDecision duplicate = database.inTransaction(session -> {
                        Long first = earlier(session, decision.accountId(), decision.messageKey(),
                                decision.mail() == null ? null : decision.mail().messageId()).sameMail();
                        return first == null ? null : duplicateOf(session, decision.received(), decision.mail(), first);
                    });
                    if (duplicate != null) {
                        return duplicate(duplicate);
                    }
                }
                if (attempt >= MAX_ATTEMPTS) {
                    throw Failures.classify(e, "writing " + decision.messageKey());
                }
            } catch (RuntimeException e) {
                throw Failures.classify(e, "writing " + decision.messageKey());
            }
        }
    }

    private static boolean isMessageKeyViolation(ConstraintViolationException e) {
        String name = e.getConstraintName();
        return name != null && name.toLowerCase(Locale.ROOT).contains("uq_message_key");
    }

    /**
     * Persists the mail's record with its outcome, and its bytes, in the caller's transaction; a mail processed
     * again keeps its record, which takes the new outcome.
     */
    private MessageRecord record(Session session, IntakeDecision decision, MessageStatus status, String why,
            String error, Long taskId) {
        Long again = decision.received().reprocessing();
        if (again != null) {
            MessageRecord record = session.find(MessageRecord.class, again);
            record.settle(status, why, error, taskId);
            record.setTrace(TraceJson.write(decision.traces()));
            return record;
        }
        byte[] raw = decision.received().raw();
        MessageRecord record = new MessageRecord(MessageRecord.INBOUND, decision.accountId(), decision.messageKey(),
                raw.length, clock.instant());
        record.settle(status, why, error, taskId);
        record.setTrace(TraceJson.write(decision.traces()));
        InboundMail mail = decision.mail();
        if (mail != null) {
            record.describe(mail.messageId(), mail.inReplyTo(), String.join(" ", mail.references()),
                    mail.from() == null || mail.from().address().isEmpty() ? null : mail.from().normalized(),
                    mail.subject());
        } else {
            RawHeaders headers = RawHeaders.read(decision.received().raw());
            record.describe(headers.messageId(), headers.inReplyTo(), null, headers.from(), headers.subject());
        }
        session.persist(record);
        session.persist(new RawMail(record.id(), raw));
        return record;
    }

    /**
     * A stored mail to run through intake again (after a fix, or after the directory changed): one that was
     * quarantined, rejected or ignored. A processed mail already made its task, so it is refused.
     */
    public ReceivedMail reprocessable(long messageId) {
        return database.inTransaction(session -> {
            MessageRecord record = session.find(MessageRecord.class, messageId);
            if (record == null || !MessageRecord.INBOUND.equals(record.direction())) {
                throw new IllegalArgumentException("no inbound message " + messageId);
            }
            if (record.status() == MessageStatus.DUPLICATE) {
                throw new IllegalStateException("message " + messageId + " is a duplicate (" + record.decision()
                        + "); reprocess the first copy");
            }
            if (record.status() == MessageStatus.PROCESSED) {
                throw new IllegalStateException("message " + messageId + " was processed already ("
                        + record.decision() + ")");
            }
            return new ReceivedMail(record.accountId(), session.find(RawMail.class, messageId).raw(), messageId);
        });
    }

    /**
     * The account's earlier records of this mail: the one with the same key (a duplicate; a record made before
     * keys held the content hash counts too), and those whose Message-ID is the same but whose content is not.
     */
    private record Earlier(Long sameMail, List<Long> otherMails) {
        static final Earlier NONE = new Earlier(null, List.of());
    }

    private static Earlier earlier(Session session, String accountId, String key, String messageId) {
        boolean byId = messageId != null && !messageId.isBlank() && messageId.length() <= 1000;
        List<Object[]> rows = session.createSelectionQuery("select m.id, m.messageKey from MessageRecord m"
                        + " where m.accountId = :account and m.direction = :direction and "
                        + (byId ? "m.messageId = :id" : "m.messageKey = :id") + " order by m.id", Object[].class)
                .setParameter("account", accountId)
                .setParameter("direction", MessageRecord.INBOUND)
                .setParameter("id", byId ? messageId : key)
                .setMaxResults(100)
                .getResultList();
        List<Long> others = new ArrayList<>();
        for (Object[] row : rows) {
            String earlierKey = (String) row[1];
            if (earlierKey.equals(key) || earlierKey.equals(messageId)) {
                return new Earlier((Long) row[0], List.of());
            }
            if (!earlierKey.startsWith(DUPLICATE_KEY)) {
                others.add((Long) row[0]);
            }
        }
        return others.isEmpty() ? Earlier.NONE : new Earlier(null, others);
    }

    /**
     * A mail is its Message-ID and its content ({@link ContentHash}): the same mail polled again or delivered
     * twice is a duplicate; another mail under a reused Message-ID is a mail of its own. Without a Message-ID,
     * the content alone.
     */
    static String messageKey(InboundMail mail, byte[] raw) {
        String id = mail.messageId();
        if (id == null || id.isBlank()) {
            return hashKey(raw);
        }
        String shown = id.length() <= MAX_KEY_LENGTH ? id : "sha256:" + Sha256.hex(id.getBytes(StandardCharsets.UTF_8));
        return shown + " " + ContentHash.of(raw).substring(0, 32);
    }

    static String hashKey(byte[] raw) {
        return "sha256:" + ContentHash.of(raw);
    }
}
