package dev.mailtask.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtask.contacts.Contact;
import dev.mailtask.directory.Employee;
import dev.mailtask.directory.MailAccount;
import dev.mailtask.outbound.MailComposer;
import dev.mailtask.outbound.ReplyTokens;
import dev.mailtask.store.Database;
import dev.mailtask.store.DatabaseSettings;
import dev.mailtask.tasks.Task;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who a comment notifies, on a real (in-memory) database: each person once, at most the cap, and the work
 * per comment does not grow by a query per person (10,000 addresses once took 93 s that way).
 */
class CommentServiceTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final int CONTACTS = 400;

    private static Database database;
    private static CommentService comments;
    private static long taskId;

    @BeforeAll
    static void open() {
        database = new Database(new DatabaseSettings("jdbc:hsqldb:mem:comments-" + UUID.randomUUID(), "SA", "", 2,
                2000, 0));
        List<MailAccount> accounts = List.of(new MailAccount("support", "imap", "127.0.0.1", 143, "u", "{{x}}",
                "INBOX", 1000, 10, "support@our.example", List.of("our.example"), List.of(), false, "Quarantine",
                true, new MailAccount.Smtp("smtp", "127.0.0.1", 25, null, null, false), "", true));
        AccountChoice choice = new AccountChoice(accounts);
        OurIds ids = new OurIds(database, accounts);
        ids.get(); // the installation's key, read once and kept: not part of any one comment's work
        MailComposer composer = new MailComposer();
        ReplyTokens tokens = new ReplyTokens();
        comments = new CommentService(database, choice, ids, new Notifications(choice, ids, composer, tokens),
                composer, tokens, Clock.fixed(NOW, ZoneOffset.UTC));
        comments.setMaxRecipients(CONTACTS + 10);
        taskId = database.inTransaction(s -> {
            s.persist(new Employee("alice", "Alice Adams", "alice@staff.example"));
            s.persist(new Employee("bob", "Bob Brown", "bob@staff.example"));
            for (int i = 0; i < CONTACTS; i++) {
                s.persist(new Contact("Client " + i, "client" + i + "@client.example", NOW));
            }
            Contact carol = new Contact("Carol", "carol@client.example", NOW);
            carol.setAdditionalEmails(java.util.List.of("carol@home.example"));
            s.persist(carol);
            Task task = new Task("Printer on fire", "Help", null, null, "support", NOW);
            task.persist(s);
            return task.id();
        });
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void eachPersonIsNotifiedOnceHoweverOftenAndInWhateverCaseTheyAreNamed() {
        CommentService.Posted posted = comments.post(taskId, comment(
                List.of("bob", "BOB", " bob "),
                List.of("carol@client.example", "Carol@Client.Example", " CAROL@client.example ", "carol@home.example",
                        "client1@client.example")));

        assertThat(posted.mailedTo()).containsExactly("carol@client.example", "client1@client.example",
                "bob@staff.example");
        assertThat(outboxOf(posted.commentId())).containsExactlyInAnyOrder("carol@client.example",
                "client1@client.example", "bob@staff.example");
    }

    @Test
    void moreThanTheCapIsRefusedWithTheCapAndNothingIsStored() {
        comments.setMaxRecipients(3);
        try {
            long commentsBefore = count("select count(c) from Comment c");
            long outboxBefore = count("select count(o) from OutboxMail o");
            assertThatThrownBy(() -> comments.post(taskId, comment(List.of("bob"),
                    List.of("client1@client.example", "client2@client.example", "client3@client.example"))))
                    .isInstanceOf(CommentService.TooManyRecipients.class)
                    .hasMessageContaining("at most 3").hasMessageContaining("mailtask.comments.max-recipients")
                    .hasMessageContaining("names 4");
            assertThat(count("select count(c) from Comment c")).isEqualTo(commentsBefore);
            assertThat(count("select count(o) from OutboxMail o")).isEqualTo(outboxBefore);

            // The same three people named many times are three.
            List<String> repeated = new ArrayList<>();
            IntStream.range(0, 3000).forEach(i -> repeated.add("client" + (i % 3) + "@client.example"));
            assertThat(comments.post(taskId, comment(List.of(), repeated)).mailedTo()).hasSize(3);
        } finally {
            comments.setMaxRecipients(CONTACTS + 10);
        }
    }

    @Test
    void theQueriesOfACommentDoNotGrowWithItsRecipients() {
        long few = queriesFor(5);
        long many = queriesFor(CONTACTS);

        assertThat(many).as("queries and flushes for %d recipients against 5", CONTACTS).isEqualTo(few);
    }

    /** Queries and flushes while posting a comment that mails {@code n} contacts and notifies both employees. */
    private static long queriesFor(int n) {
        List<String> emails = IntStream.range(0, n).mapToObj(i -> "client" + i + "@client.example").toList();
        Statistics statistics = database.inTransaction(s -> s.getSessionFactory().getStatistics());
        statistics.setStatisticsEnabled(true);
        try {
            statistics.clear();
            CommentService.Posted posted = comments.post(taskId, comment(List.of("bob", "alice"), emails));
            long work = statistics.getQueryExecutionCount() + statistics.getFlushCount();
            assertThat(posted.mailedTo()).hasSize(n + 1);
            assertThat(outboxOf(posted.commentId())).hasSize(n + 1);
            return work;
        } finally {
            statistics.setStatisticsEnabled(false);
        }
    }

    private static CommentService.NewComment comment(List<String> employees, List<String> contacts) {
        return new CommentService.NewComment("alice", "On our way.", false, employees, contacts, List.of());
    }

    private static List<String> outboxOf(long commentId) {
        return database.inTransaction(s -> s.createSelectionQuery(
                        "select o.recipient from OutboxMail o where o.commentId = :c", String.class)
                .setParameter("c", commentId).getResultList());
    }

    private static long count(String query) {
        return database.inTransaction(s -> s.createSelectionQuery(query, Long.class).getSingleResult());
    }
}
