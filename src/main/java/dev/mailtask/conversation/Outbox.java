package dev.mailtask.conversation;

import static dev.mailtask.store.Columns.clip;

import dev.mailtask.intake.Failures;
import dev.mailtask.store.Database;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox: mail waiting to be sent, tried in order, each outcome recorded. A temporary failure (server
 * away, 4xx) is tried again with growing pauses; a permanent one (5xx) marks that recipient failed with the
 * server's reply. Sending happens after the comment's transaction committed, so a crash in between sends the
 * mail after the restart.
 */
public final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final Session SESSION = Session.getInstance(new Properties());

    /** One mail ready to go: the outbox row, the account to send it from, the bytes. */
    public record Due(long id, String accountId, String recipient, byte[] raw) {

        @Override
        public String toString() {
            return "outbox " + id + " to " + recipient + " via " + accountId;
        }
    }

    private final Database database;
    private final Clock clock;
    private final Duration firstRetry;
    private final int maxAttempts;
    private volatile int perRecipient = 50;
    private volatile int globalCap = 1000;
    private volatile Duration window = Duration.ofMinutes(10);
    /** The global limit holds all mail back (logged once, not each second). */
    private volatile boolean holding;
    /** Mail handed to the SMTP server and not yet recorded: too late to cancel. Guarded by itself. */
    private final Set<Long> sending = new HashSet<>();

    public Outbox(Database database, Clock clock, Duration firstRetry, int maxAttempts) {
        this.database = database;
        this.clock = clock;
        this.firstRetry = firstRetry;
        this.maxAttempts = maxAttempts;
    }

    /**
     * Mail whose time has come, oldest first, within the rate limits: at most {@code perRecipient} mails to one
     * address and {@code globalCap} mails in all per {@code window}. Mail over a limit waits (it is never
     * dropped): a recipient's waiting mail is put off, with the reason, until the window frees a place for it,
     * so however much waits for a few busy recipients, mail to anyone else goes at once. The work per call is a
     * handful of queries, none per mail.
     */
    public List<Due> due(int limit) {
        return database.inTransaction(s -> {
            Instant now = clock.instant();
            Instant since = now.minus(window);
            long sentInWindow = s.createSelectionQuery("select count(o) from OutboxMail o where o.sentAt > :since",
                    Long.class).setParameter("since", since).getSingleResult();
            if (sentInWindow >= globalCap) {
                if (!holding) {
                    holding = true;
                    LOG.warn("outbox: rate limit of {} mails per {} minutes in all reached; mail waits", globalCap,
                            window.toMinutes());
                }
                return List.of();
            }
            holding = false;
            putOffRecipientsAtTheirLimit(s, now, since);
            List<OutboxMail> candidates = s.createSelectionQuery(
                            "from OutboxMail o where o.status = :queued and o.nextAttemptAt <= :now order by o.id",
                            OutboxMail.class)
                    .setParameter("queued", DeliveryStatus.QUEUED)
                    .setParameter("now", now)
                    .setMaxResults(limit)
                    .getResultList();
            List<Due> due = new ArrayList<>();
            // What each candidate's recipient was sent in the window: one query, not one per recipient.
            Map<String, Long> toRecipient = new HashMap<>();
            if (!candidates.isEmpty()) {
                s.createSelectionQuery("select o.recipient, count(o) from OutboxMail o where o.sentAt > :since"
                                + " and o.recipient in :rs group by o.recipient", Object[].class)
                        .setParameter("since", since)
                        .setParameterList("rs", candidates.stream().map(OutboxMail::recipient).distinct().toList())
                        .getResultList()
                        .forEach(row -> toRecipient.put((String) row[0], (Long) row[1]));
            }
            for (OutboxMail o : candidates) {
                if (sentInWindow + due.size() >= globalCap) {
                    break;
                }
                long sent = toRecipient.getOrDefault(o.recipient(), 0L);
                // A recipient this batch fills up: the rest of their mail is put off on the next call.
                if (sent < perRecipient) {
                    toRecipient.put(o.recipient(), sent + 1);
                    due.add(new Due(o.id(), o.accountId(), o.recipient(), o.raw()));
                }
            }
            return due;
        });
    }

    /**
     * The due mail of every recipient at their limit waits until the oldest mail they were sent in the window
     * leaves it: one update per such recipient that has mail due, so it is no longer due and never stands in
     * front of mail that may go now.
     */
    private void putOffRecipientsAtTheirLimit(org.hibernate.Session s, Instant now, Instant since) {
        Map<String, Instant> frees = new HashMap<>();
        s.createSelectionQuery("select o.recipient, min(o.sentAt) from OutboxMail o where o.sentAt > :since"
                        + " group by o.recipient having count(o) >= :limit", Object[].class)
                .setParameter("since", since)
                .setParameter("limit", (long) perRecipient)
                .getResultList()
                .forEach(row -> frees.put((String) row[0], ((Instant) row[1]).plus(window)));
        if (frees.isEmpty()) {
            return;
        }
        List<String> waiting = s.createSelectionQuery("select distinct o.recipient from OutboxMail o"
                        + " where o.status = :queued and o.nextAttemptAt <= :now and o.recipient in :rs", String.class)
                .setParameter("queued", DeliveryStatus.QUEUED)
                .setParameter("now", now)
                .setParameterList("rs", List.copyOf(frees.keySet()))
                .getResultList();
        for (String recipient : waiting) {
            s.createMutationQuery("update OutboxMail o set o.nextAttemptAt = :until, o.lastError = :reason"
                            + " where o.status = :queued and o.nextAttemptAt <= :now and o.recipient = :r")
                    .setParameter("until", frees.get(recipient))
                    .setParameter("reason", clip("rate limit: " + perRecipient + " mails per " + window.toMinutes()
                            + " minutes to " + recipient + "; waiting", 2000))
                    .setParameter("queued", DeliveryStatus.QUEUED)
                    .setParameter("now", now)
                    .setParameter("r", recipient)
                    .executeUpdate();
        }
    }

    /** Rate limits of outgoing mail (defaults: 50 per recipient and 1,000 in all per 10 minutes). */
    public void setRateLimits(int perRecipient, int globalCap, Duration window) {
        this.perRecipient = perRecipient;
        this.globalCap = globalCap;
        this.window = window;
    }

    /**
     * Right before a due mail goes to the SMTP server: false when it was cancelled (or deleted with its task)
     * since it was picked, and then it is not sent. From here until {@link #release} it cannot be cancelled.
     */
    public boolean claim(long id) {
        synchronized (sending) {
            DeliveryStatus status = database.inTransaction(s -> s.createSelectionQuery(
                            "select o.status from OutboxMail o where o.id = :id", DeliveryStatus.class)
                    .setParameter("id", id).uniqueResult());
            if (status != DeliveryStatus.QUEUED) {
                LOG.info("outbox {}: {}, not sent", id, status == null ? "gone" : status);
                return false;
            }
            sending.add(id);
            return true;
        }
    }

    /** The mail's outcome is recorded (or recording it failed): it is no longer in the server's hands. */
    public void release(long id) {
        synchronized (sending) {
            sending.remove(id);
        }
    }

    /**
     * Cancels one queued mail: it is never sent. Cancelling a cancelled mail again changes nothing.
     *
     * @param by who cancelled, kept as the mail's last error
     * @return false when there is no such mail
     * @throws IllegalStateException when the mail was sent, failed or bounced, or is with the SMTP server now
     */
    public boolean cancel(long id, String by) {
        synchronized (sending) {
            if (sending.contains(id)) {
                throw new IllegalStateException("outbox " + id + " is being sent right now; it can no longer be"
                        + " cancelled");
            }
            return database.inTransaction(s -> {
                int cancelled = s.createMutationQuery("update OutboxMail o set o.status = :cancelled,"
                                + " o.lastError = :reason where o.id = :id and o.status = :queued")
                        .setParameter("cancelled", DeliveryStatus.CANCELLED)
                        .setParameter("reason", cancelledBy(by))
                        .setParameter("id", id)
                        .setParameter("queued", DeliveryStatus.QUEUED)
                        .executeUpdate();
                if (cancelled == 1) {
                    return true;
                }
                DeliveryStatus status = s.createSelectionQuery("select o.status from OutboxMail o where o.id = :id",
                        DeliveryStatus.class).setParameter("id", id).uniqueResult();
                if (status == null) {
                    return false;
                }
                if (status != DeliveryStatus.CANCELLED) {
                    throw new IllegalStateException("outbox " + id + " is " + status
                            + "; only queued mail can be cancelled");
                }
                return true;
            });
        }
    }

    /** What cancelling a comment's mail did: the mails cancelled, and those with the SMTP server right now. */
    public record CommentCancellation(long commentId, List<Long> cancelled, List<Long> beingSent) {
    }

    /**
     * Cancels every mail of a comment that is still queued (to its contacts and the notices to employees), in
     * two statements however many there are.
     *
     * @return empty when the task has no such comment
     */
    public java.util.Optional<CommentCancellation> cancelComment(long taskId, long commentId, String by) {
        synchronized (sending) {
            return database.inTransaction(s -> {
                dev.mailtask.tasks.Comment comment = s.find(dev.mailtask.tasks.Comment.class, commentId);
                if (comment == null || comment.task().id() != taskId) {
                    return java.util.Optional.empty();
                }
                List<Long> queued = s.createSelectionQuery("select o.id from OutboxMail o where o.commentId = :c"
                                + " and o.status = :queued order by o.id", Long.class)
                        .setParameter("c", commentId)
                        .setParameter("queued", DeliveryStatus.QUEUED)
                        .getResultList();
                List<Long> beingSent = queued.stream().filter(sending::contains).toList();
                List<Long> cancelled = queued.stream().filter(id -> !sending.contains(id)).toList();
                if (!cancelled.isEmpty()) {
                    var update = s.createMutationQuery("update OutboxMail o set o.status = :cancelled,"
                                    + " o.lastError = :reason where o.commentId = :c and o.status = :queued"
                                    + (beingSent.isEmpty() ? "" : " and o.id not in :sending"))
                            .setParameter("cancelled", DeliveryStatus.CANCELLED)
                            .setParameter("reason", cancelledBy(by))
                            .setParameter("c", commentId)
                            .setParameter("queued", DeliveryStatus.QUEUED);
                    if (!beingSent.isEmpty()) {
                        update.setParameterList("sending", beingSent);
                    }
                    update.executeUpdate();
                }
                return java.util.Optional.of(new CommentCancellation(commentId, cancelled, beingSent));
            });
        }
    }

    private String cancelledBy(String by) {
        return clip("cancelled by " + by + " at " + clock.instant(), 2000);
    }

    /** The stored bytes as the message the mail component sends (exactly these headers, this Message-ID). */
    public MimeMessage message(Due due) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(due.raw()));
    }

    public void sent(long id) {
        database.run(s -> s.find(OutboxMail.class, id).sent(clock.instant()));
    }

    public void failed(long id, Throwable failure) {
        String reply = serverReply(failure);
        database.run(s -> {
            OutboxMail mail = s.find(OutboxMail.class, id);
            if (isPermanent(failure)) {
                mail.failed(reply);
                LOG.warn("outbox {} to {}: refused for good: {}", id, mail.recipient(), reply);
            } else if (mail.attempts() + 1 >= maxAttempts) {
                mail.failed("gave up after " + maxAttempts + " attempts: " + reply);
                LOG.warn("outbox {} to {}: gave up after {} attempts: {}", id, mail.recipient(), maxAttempts, reply);
            } else {
                Instant retry = clock.instant().plus(firstRetry.multipliedBy(1L << Math.min(mail.attempts(), 16)));
                mail.retryAt(retry, reply);
                LOG.info("outbox {} to {}: will try again at {}: {}", id, mail.recipient(), retry, reply);
            }
        });
    }

    /** A 5xx reply, or an address the server rejected for good; everything else may pass. */
    static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SMTPAddressFailedException a) {
                return a.getReturnCode() >= 500;
            }
            if (t instanceof SMTPSendFailedException f) {
                return f.getReturnCode() >= 500;
            }
            if (t instanceof SendFailedException s && s.getInvalidAddresses() != null
                    && s.getInvalidAddresses().length > 0 && s.getNextException() == null) {
                return true;
            }
        }
        return false;
    }

    /** What the server said, as precisely as the exception chain tells it. */
    static String serverReply(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SendFailedException s && s.getNextException() != null) {
                return serverReply(s.getNextException());
            }
            if (t instanceof SMTPAddressFailedException || t instanceof SMTPSendFailedException) {
                return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
            }
        }
        return Failures.rootMessage(failure);
    }
}
