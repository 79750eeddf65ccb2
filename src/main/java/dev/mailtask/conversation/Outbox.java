package dev.mailtask.conversation;

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
import java.util.List;
import java.util.Properties;
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

    public Outbox(Database database, Clock clock, Duration firstRetry, int maxAttempts) {
        this.database = database;
        this.clock = clock;
        this.firstRetry = firstRetry;
        this.maxAttempts = maxAttempts;
    }

    /**
     * Mail whose time has come, oldest first, within the rate limits: at most {@code perRecipient} mails to one
     * address and {@code globalCap} mails in all per {@code window}. Mail over a limit waits (it is never
     * dropped) and says why in its last error.
     */
    public List<Due> due(int limit) {
        return database.inTransaction(s -> {
            Instant now = clock.instant();
            Instant since = now.minus(window);
            long sentInWindow = s.createSelectionQuery("select count(o) from OutboxMail o where o.sentAt > :since",
                    Long.class).setParameter("since", since).getSingleResult();
            List<OutboxMail> candidates = s.createSelectionQuery(
                            "from OutboxMail o where o.status = :queued and o.nextAttemptAt <= :now order by o.id",
                            OutboxMail.class)
                    .setParameter("queued", DeliveryStatus.QUEUED)
                    .setParameter("now", now)
                    .setMaxResults(limit)
                    .getResultList();
            List<Due> due = new java.util.ArrayList<>();
            // What each candidate's recipient was sent in the window: one query, not one per recipient.
            java.util.Map<String, Long> toRecipient = new java.util.HashMap<>();
            if (!candidates.isEmpty()) {
                s.createSelectionQuery("select o.recipient, count(o) from OutboxMail o where o.sentAt > :since"
                                + " and o.recipient in :rs group by o.recipient", Object[].class)
                        .setParameter("since", since)
                        .setParameterList("rs", candidates.stream().map(OutboxMail::recipient).distinct().toList())
                        .getResultList()
                        .forEach(row -> toRecipient.put((String) row[0], (Long) row[1]));
            }
            for (OutboxMail o : candidates) {
                long sent = toRecipient.getOrDefault(o.recipient(), 0L);
                if (sentInWindow + due.size() >= globalCap) {
                    o.deferred(now.plus(window.dividedBy(10)), "rate limit: " + globalCap + " mails per "
                            + window.toMinutes() + " minutes in all; waiting");
                } else if (sent >= perRecipient) {
                    o.deferred(now.plus(window.dividedBy(10)), "rate limit: " + perRecipient + " mails per "
                            + window.toMinutes() + " minutes to " + o.recipient() + "; waiting");
                } else {
                    toRecipient.put(o.recipient(), sent + 1);
                    due.add(new Due(o.id(), o.accountId(), o.recipient(), o.raw()));
                }
            }
            return due;
        });
    }

    /** Rate limits of outgoing mail (defaults: 50 per recipient and 1,000 in all per 10 minutes). */
    public void setRateLimits(int perRecipient, int globalCap, Duration window) {
        this.perRecipient = perRecipient;
        this.globalCap = globalCap;
        this.window = window;
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
