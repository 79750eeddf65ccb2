package dev.mailtask.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtask.directory.Employee;
import dev.mailtask.store.Database;
import dev.mailtask.store.DatabaseSettings;
import dev.mailtask.tasks.Comment;
import dev.mailtask.tasks.Task;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which mail the outbox hands out, on a real (in-memory) database with a clock the test moves: mail to a
 * recipient at the rate limit waits out of the way of everyone else's, and cancelled mail is never handed out.
 */
class OutboxTest {

    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final byte[] RAW = "Subject: x\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII);

    private static Database database;
    private static long taskId;
    private static long commentId;
    private final MovableClock clock = new MovableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private Outbox outbox;

    @BeforeAll
    static void open() {
        database = new Database(new DatabaseSettings("jdbc:hsqldb:mem:outbox-" + UUID.randomUUID(), "SA", "", 2,
                2000, 0));
        Instant then = Instant.parse("2025-01-01T00:00:00Z");
        database.run(s -> {
            Employee alice = new Employee("alice", "Alice Adams", "alice@staff.example");
            s.persist(alice);
            Task task = new Task("Printer on fire", "Help", null, null, "support", then);
            task.persist(s);
            Comment comment = new Comment(task, alice, null, "On our way.", false, then);
            s.persist(comment);
            s.flush();
            taskId = task.id();
            commentId = comment.id();
        });
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void empty() {
        database.run(s -> s.createMutationQuery("delete from OutboxMail").executeUpdate());
        outbox = new Outbox(database, clock, Duration.ofSeconds(30), 10);
        outbox.setRateLimits(2, 1000, WINDOW);
    }

    @Test
    void aBacklogToARecipientAtTheLimitWaitsOutOfTheWayUntilTheWindowFreesAPlace() {
        queue("busy@client.example", 3000);
        long other = queue("other@client.example", 1).get(0);

        List<Outbox.Due> first = outbox.due(50);
        assertThat(first).extracting(Outbox.Due::recipient).as("the limit, from the 50 oldest")
                .containsExactly("busy@client.example", "busy@client.example");
        first.forEach(d -> outbox.sent(d.id()));
        Instant firstSent = clock.instant();

        clock.advance(Duration.ofSeconds(1));
        assertThat(outbox.due(50)).extracting(Outbox.Due::id).as("the backlog is not in the way")
                .containsExactly(other);
        outbox.sent(other);
        assertThat(waiting("busy@client.example", clock.instant())).as("none of the backlog is due").isZero();
        OutboxMail put = oldestQueued();
        assertThat(put.nextAttemptAt()).isEqualTo(firstSent.plus(WINDOW));
        assertThat(put.lastError()).isEqualTo("rate limit: 2 mails per 10 minutes to busy@client.example; waiting");
        assertThat(put.attempts()).as("waiting is not an attempt").isZero();

        clock.advance(Duration.ofMinutes(5));
        assertThat(outbox.due(50)).isEmpty();

        clock.advance(Duration.ofMinutes(5));
        assertThat(outbox.due(50)).extracting(Outbox.Due::recipient).as("the window has room again")
                .containsExactly("busy@client.example", "busy@client.example");
    }

    @Test
    void theGlobalLimitHoldsEverythingWithoutTouchingTheQueue() {
        outbox.setRateLimits(50, 3, WINDOW);
        queue("a@client.example", 2);
        queue("b@client.example", 2);

        List<Outbox.Due> first = outbox.due(50);
        assertThat(first).hasSize(3);
        first.forEach(d -> outbox.sent(d.id()));
        assertThat(outbox.due(50)).isEmpty();

        clock.advance(WINDOW);
        assertThat(outbox.due(50)).extracting(Outbox.Due::recipient).containsExactly("b@client.example");
    }

    @Test
    void aMailCancelledAfterItWasPickedIsNotSentAndAClaimedOneCannotBeCancelled() {
        List<Long> ids = queue("carol@client.example", 2);
        List<Outbox.Due> due = outbox.due(50);
        assertThat(due).hasSize(2);

        assertThat(outbox.cancel(ids.get(0), "desk agent")).isTrue();
        assertThat(outbox.claim(ids.get(0))).as("cancelled between pick and send").isFalse();
        assertThat(outbox.cancel(ids.get(0), "desk agent")).as("cancelling twice is harmless").isTrue();

        assertThat(outbox.claim(ids.get(1))).isTrue();
        assertThatThrownBy(() -> outbox.cancel(ids.get(1), "desk agent")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("being sent right now");
        outbox.sent(ids.get(1));
        outbox.release(ids.get(1));
        assertThatThrownBy(() -> outbox.cancel(ids.get(1), "desk agent")).isInstanceOf(IllegalStateException.class)
                .hasMessage("outbox " + ids.get(1) + " is SENT; only queued mail can be cancelled");

        assertThat(outbox.cancel(987654321L, "desk agent")).as("no such mail").isFalse();
        OutboxMail cancelled = database.inTransaction(s -> s.find(OutboxMail.class, ids.get(0)));
        assertThat(cancelled.status()).isEqualTo(DeliveryStatus.CANCELLED);
        assertThat(cancelled.lastError()).startsWith("cancelled by desk agent at ");
        clock.advance(Duration.ofHours(1));
        assertThat(outbox.due(50)).isEmpty();
    }

    @Test
    void cancellingACommentsMailCancelsWhatIsQueuedAndLeavesWhatIsSentOrBeingSent() {
        List<Long> ids = queue("carol@client.example", 4);
        outbox.sent(ids.get(0));
        outbox.claim(ids.get(1));

        Outbox.CommentCancellation done = outbox.cancelComment(taskId, commentId, "desk agent").orElseThrow();

        assertThat(done.cancelled()).containsExactly(ids.get(2), ids.get(3));
        assertThat(done.beingSent()).containsExactly(ids.get(1));
        List<DeliveryStatus> statuses = database.inTransaction(s -> s.createSelectionQuery(
                "select o.status from OutboxMail o order by o.id", DeliveryStatus.class).getResultList());
        assertThat(statuses).containsExactly(DeliveryStatus.SENT, DeliveryStatus.QUEUED, DeliveryStatus.CANCELLED,
                        DeliveryStatus.CANCELLED);
        assertThat(outbox.cancelComment(taskId, 987654321L, "desk agent")).as("no such comment").isEmpty();
        assertThat(outbox.cancelComment(taskId + 1, commentId, "desk agent")).as("another task's").isEmpty();
        outbox.release(ids.get(1));
    }

    /** Queues {@code n} mails of the comment to {@code recipient} in one transaction; returns their ids. */
    private List<Long> queue(String recipient, int n) {
        return database.inTransaction(s -> {
            List<OutboxMail> mails = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                OutboxMail mail = new OutboxMail(taskId, commentId, "support", recipient, null, null,
                        "<m" + i + "@our.example>", null, RAW, clock.instant());
                s.persist(mail);
                mails.add(mail);
            }
            s.flush();
            return mails.stream().map(OutboxMail::id).toList();
        });
    }

    private static long waiting(String recipient, Instant now) {
        return database.inTransaction(s -> s.createSelectionQuery("select count(o) from OutboxMail o"
                        + " where o.recipient = :r and o.status = :q and o.nextAttemptAt <= :now", Long.class)
                .setParameter("r", recipient).setParameter("q", DeliveryStatus.QUEUED).setParameter("now", now)
                .getSingleResult());
    }

    private static OutboxMail oldestQueued() {
        return database.inTransaction(s -> s.createSelectionQuery(
                        "from OutboxMail o where o.status = :q order by o.id", OutboxMail.class)
                .setParameter("q", DeliveryStatus.QUEUED).setMaxResults(1).getSingleResult());
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
