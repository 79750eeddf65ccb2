package dev.mailtask.conversation;

import dev.mailtask.directory.Employee;
import dev.mailtask.directory.MailAccount;
import dev.mailtask.mail.MailAddress;
import dev.mailtask.outbound.MailComposer;
import dev.mailtask.outbound.OutgoingMail;
import dev.mailtask.outbound.ReplyTokens;
import dev.mailtask.outbound.Signatures;
import dev.mailtask.outbound.SubjectTags;
import dev.mailtask.tasks.Comment;
import dev.mailtask.tasks.Task;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

/**
 * Employees told of a comment get an automatic notification mail from the system account. It carries a
 * reply token and our Message-ID like any of our mail, so an employee's answer to it becomes their comment.
 */
public final class Notifications {

    private final AccountChoice accounts;
    private final OurIds ids;
    private final MailComposer composer;
    private final ReplyTokens tokens;

    public Notifications(AccountChoice accounts, OurIds ids, MailComposer composer, ReplyTokens tokens) {
        this.accounts = accounts;
        this.ids = ids;
        this.composer = composer;
        this.tokens = tokens;
    }

    /**
     * Queues one notification per employee (not the author, not one without an e-mail) in the caller's
     * transaction; returns to whom. Nothing when no account can send mail.
     */
    public List<String> notify(Session session, Task task, Comment comment, Collection<Employee> employees,
            String authorName, Instant now) {
        Optional<MailAccount> account = accounts.system();
        List<String> notified = new ArrayList<>();
        if (account.isEmpty()) {
            return notified;
        }
        for (Employee employee : employees) {
            boolean isAuthor = comment.authorEmployee() != null && comment.authorEmployee().id().equals(employee.id());
            if (isAuthor || employee.email() == null || !employee.active() || !accounts.mayMail(employee.email())) {
                continue;
            }
            session.persist(notification(account.get(), task, comment, employee, authorName, now));
            notified.add(employee.email());
        }
        return notified;
    }

    /** Tells a comment's author that its mail to a contact bounced, and why. */
    public void bounced(Session session, OutboxMail bounced, String reason, Instant now) {
        if (bounced.commentId() == null || bounced.contactId() == null) {
            return;
        }
        Comment comment = session.find(Comment.class, bounced.commentId());
        Employee author = comment == null ? null : comment.authorEmployee();
        Optional<MailAccount> account = accounts.system();
        if (author == null || author.email() == null || account.isEmpty()) {
            return;
        }
        Task task = comment.task();
        String messageId = ids.get().forNotice(task.number(), bounced.id(), author.id());
        OutgoingMail mail = OutgoingMail.builder()
                .from(account.get().address(), "Mailtask")
                .to(author.email(), author.name())
                .subject(SubjectTags.tagged("Undeliverable: " + task.title(), task.number()))
                .text("Your comment on task #" + task.number() + " could not be delivered to " + bounced.recipient()
                        + ".\n\n" + reason)
                .messageId(messageId)
                .automatic(true)
                .loopId(ids.get().domain())
                .build();
        session.persist(new OutboxMail(task.id(), comment.id(), account.get().id(), author.email(), null, author.id(),
                messageId, null, composer.compose(mail), now));
    }

    /**
     * Tells the sender of a mail nobody received (an old login, a deleted address) that it was not delivered.
     * Off by default: to a forged sender such a notice is backscatter.
     *
     * @param noticeId unique per notice (the mail's record id)
     */
    public void notDelivered(Session session, MailAddress sender, String subject, List<String> addresses,
            long noticeId, Instant now) {
        Optional<MailAccount> account = accounts.system();
        if (account.isEmpty() || !accounts.mayMail(sender.normalized())) {
            return;
        }
        String messageId = ids.get().forNotice(0, noticeId, 0);
        OutgoingMail mail = OutgoingMail.builder()
                .from(account.get().address(), "Mail Delivery")
                .to(sender.address(), sender.name())
                .subject("Undeliverable: " + subject)
                .text("Your message to " + String.join(", ", addresses) + " was not delivered: there is no such"
                        + " address. Please check the address, or write to " + account.get().address() + ".")
                .messageId(messageId)
                .automatic(true)
                .loopId(ids.get().domain())
                .build();
        session.persist(new OutboxMail(null, null, account.get().id(), sender.normalized(), null, null, messageId, null,
                composer.compose(mail), now));
    }

    private OutboxMail notification(MailAccount account, Task task, Comment comment, Employee employee,
            String authorName, Instant now) {
        String token = tokens.newToken();
        String messageId = ids.get().forNotice(task.number(), comment.id(), employee.id());
        OutgoingMail.Builder mail = OutgoingMail.builder()
                .from(account.address(), authorName)
                .to(employee.email(), employee.name())
                .subject(SubjectTags.tagged(task.title(), task.number()))
                .text(Signatures.appendText(authorName + " wrote on task #" + task.number() + " \"" + task.title()
                        + "\":\n\n" + comment.body(), "Answer this mail to comment on the task."))
                .messageId(messageId)
                .automatic(true)
                .loopId(ids.get().domain());
        try {
            mail.replyTo(ReplyTokens.replyAddress(account.address(), token));
        } catch (IllegalArgumentException e) {
            token = null; // the answer still threads by its In-Reply-To
        }
        return new OutboxMail(task.id(), comment.id(), account.id(), employee.email(), null, employee.id(), messageId,
                token, composer.compose(mail.build()), now);
    }
}
