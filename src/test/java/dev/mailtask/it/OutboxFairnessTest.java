package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtask.conversation.OutboxMail;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One agent request must not stop all outgoing mail: a comment names each person once and at most the cap,
 * and thousands of mails waiting for a few rate-limited recipients never hold back a new comment to someone
 * else. Real bundle, real SMTP and IMAP (GreenMail), the outbox polling at its default pace.
 */
class OutboxFairnessTest extends SharedImapBundle {

    private static final int BUSY_RECIPIENTS = 3;
    private static final int BACKLOG = 6000;
    private static final int PER_RECIPIENT_LIMIT = 5;

    @BeforeAll
    static void start() throws Exception {
        // The default outbox period (1 s): at 50 rows a poll the old selection needed 120 s to look past this
        // backlog, while each row it put off came back after 60 s, so it never got to the new comment.
        startShared(Map.of("mailtask.outbox.per-recipient-limit", String.valueOf(PER_RECIPIENT_LIMIT)));
    }

    @Test
    void aBacklogToRateLimitedRecipientsDoesNotHoldBackACommentToAnotherClient() throws Exception {
        long taskId = taskFrom("Nina <nina@client.example>", "Invoice missing");
        queueBacklog();

        Instant posted = Instant.now();
        bundle.call("POST", "/api/tasks/" + taskId + "/comments", """
                {"author": "alice", "text": "Here it is.", "notify": {"contacts": ["nina@client.example"]}}""", 201);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> mail.inboxOf("nina@client.example").size() == 1);
        Duration took = Duration.between(posted, Instant.now());

        for (int i = 1; i <= BUSY_RECIPIENTS; i++) {
            assertThat(mail.inboxOf(busy(i))).as("the limit held for " + busy(i)).hasSize(PER_RECIPIENT_LIMIT);
        }
        JsonNode queued = bundle.json("/api/outbox?status=QUEUED&size=1");
        assertThat(queued.get("total").asLong()).isEqualTo(BACKLOG - BUSY_RECIPIENTS * PER_RECIPIENT_LIMIT);
        assertThat(queued.get("items").get(0).get("lastError").asText())
                .matches("rate limit: 5 mails per 10 minutes to busy\\d@client\\.example; waiting");
        assertThat(Instant.parse(queued.get("items").get(0).get("nextAttemptAt").asText()))
                .as("put off until the window frees a place").isAfter(Instant.now().plus(Duration.ofMinutes(9)));
        System.out.printf("outbox fairness: a new comment's mail arrived %.1f s after posting, %d mails waiting"
                + " for %d rate-limited recipients%n", took.toMillis() / 1000.0, queued.get("total").asLong(),
                BUSY_RECIPIENTS);
    }

    @Test
    void aPersonNamedManyTimesInAnyCaseGetsOneMail() throws Exception {
        long taskId = taskFrom("Otto <otto@client.example>", "Door stuck");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            names.add(switch (i % 3) {
                case 0 -> "\"otto@client.example\"";
                case 1 -> "\"OTTO@Client.Example\"";
                default -> "\" Otto@client.EXAMPLE \"";
            });
        }
        JsonNode posted = bundle.call("POST", "/api/tasks/" + taskId + "/comments", "{\"author\": \"alice\","
                + " \"text\": \"Coming.\", \"notify\": {\"employees\": [\"bob\", \"BOB\"], \"contacts\": ["
                + String.join(",", names) + "]}}", 201);

        assertThat(posted.get("mailedTo").toString()).isEqualTo("[\"otto@client.example\",\"bob@staff.example\"]");
        long commentId = posted.get("commentId").asLong();
        assertThat(outboxRowsOf(commentId)).as("written with the comment: one mail each")
                .containsExactlyInAnyOrder("otto@client.example", "bob@staff.example");
        await().atMost(Duration.ofSeconds(30)).until(() -> bundle.json("/api/tasks/" + taskId).get("comments")
                .get(0).get("deliveries").findValuesAsText("status").equals(List.of("SENT", "SENT")));
        assertThat(mail.inboxOf("otto@client.example")).hasSize(1);
        JsonNode notified = bundle.json("/api/tasks/" + taskId).get("comments").get(0).get("notified");
        assertThat(notified.findValuesAsText("email")).containsExactlyInAnyOrder("otto@client.example",
                "bob@staff.example");
    }

    @Test
    void moreRecipientsThanTheCapAreRefusedWithTheCapAndNothingIsStored() throws Exception {
        long taskId = taskFrom("Paula <paula@client.example>", "Too many cooks");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            names.add("\"cook" + i + "@client.example\"");
        }
        long outboxBefore = outboxRows();

        var refused = bundle.call("POST", "/api/tasks/" + taskId + "/comments", "{\"author\": \"alice\","
                + " \"text\": \"Hello all.\", \"notify\": {\"contacts\": [" + String.join(",", names) + "]}}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("at most 50 people")
                .contains("mailtask.comments.max-recipients").contains("names 51");
        assertThat(bundle.json("/api/tasks/" + taskId).get("comments")).isEmpty();
        assertThat(outboxRows()).isEqualTo(outboxBefore);
    }

    private static long taskFrom(String from, String subject) throws Exception {
        String local = from.substring(from.indexOf('<') + 1, from.indexOf('@'));
        mail.send(Mails.simple("fair-" + local + "@client.example", from, "support@test.mailtask", null, subject,
                "Please help."), "support@test.mailtask");
        return bundle.awaitTask(subject).get("id").asLong();
    }

    private static String busy(int i) {
        return "busy" + i + "@client.example";
    }

    /** The backlog, written the way a big comment writes it: one transaction, batched inserts. */
    private static void queueBacklog() {
        Instant now = Instant.now();
        bundle.database().run(s -> {
            for (int i = 0; i < BACKLOG; i++) {
                String to = busy(i % BUSY_RECIPIENTS + 1);
                String messageId = "<backlog-" + i + "@test.mailtask>";
                byte[] raw = ("From: support@test.mailtask\r\nTo: " + to + "\r\nSubject: Backlog " + i
                        + "\r\nMessage-ID: " + messageId + "\r\n\r\nOne of many.\r\n").getBytes(StandardCharsets.UTF_8);
                s.persist(new OutboxMail(null, null, "test-imap", to, null, null, messageId, null, raw, now));
                if (i % 500 == 499) {
                    s.flush();
                    s.clear();
                }
            }
        });
    }

    private static List<String> outboxRowsOf(long commentId) {
        return bundle.database().inTransaction(s -> s.createSelectionQuery(
                "select o.recipient from OutboxMail o where o.commentId = :c", String.class)
                .setParameter("c", commentId).getResultList());
    }

    private static long outboxRows() {
        return bundle.database().inTransaction(s -> s.createSelectionQuery("select count(o) from OutboxMail o",
                Long.class).getSingleResult());
    }
}
