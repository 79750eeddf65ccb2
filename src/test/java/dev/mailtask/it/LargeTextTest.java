package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailtask.store.StoredText;
import dev.mailtask.tasks.Task;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Text that a sender or an API caller decides may be tens of megabytes, well inside the 50 MB mail limit: a
 * 12 MB body, 20 MB of one repeated line, a 2 MB reply and a 10 MB comment over REST are stored, read back
 * whole over REST and mailed whole. A request body over the HTTP limit is refused with 413 and a JSON message.
 * The text scenario runs on HSQLDB and, when {@code MAILTASK_TEST_POSTGRES_URL} is set, on PostgreSQL too.
 */
class LargeTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUPPORT = "support@test.mailtask";
    private static final String CLIENT = "olga@client.example";

    @TempDir
    Path dir;

    /** About {@code chars} characters of varied words in lines of about 70, Cyrillic and German among them. */
    static String words(int chars, long seed) {
        String[] vocabulary = {"invoice", "order", "please", "the", "shipment", "arrived", "damaged", "refund",
                "Straße", "ticket", "Счёт", "number", "customer", "delivery", "week", "support", "and", "of"};
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder(chars + 100);
        int line = 0;
        while (text.length() < chars) {
            String word = vocabulary[random.nextInt(vocabulary.length)] + random.nextInt(1000);
            text.append(word);
            line += word.length() + 1;
            if (line > 70) {
                text.append('\n');
                line = 0;
            } else {
                text.append(' ');
            }
        }
        return text.toString().strip();
    }

    /** The mail's text as the task or comment keeps it: the test mail ends its body with a line break. */
    private static String asStored(String body) {
        return body + "\n";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"hsqldb", "postgresql"})
    void largeTextBecomesTasksAndCommentsReadBackAndMailedWhole(String database) throws Exception {
        try (TestMailServer mail = new TestMailServer(); Schema schema = Schema.of(database)) {
            try (TestBundle bundle = TestBundle.start(schema.settings(dir, mail))) {
                String twelve = words(12_000_000, 1);
                String twenty = "All work and no play makes Jack a dull boy.\n".repeat(20_000_000 / 44);
                mail.deliver(Mails.simple("twelve@client.example", "Olga <" + CLIENT + ">", SUPPORT, null,
                        "Twelve megabytes", twelve));
                mail.deliver(Mails.simple("twenty@client.example", "Olga <" + CLIENT + ">", SUPPORT, null,
                        "Twenty megabytes", twenty));
                mail.deliver(Mails.simple("small@client.example", "Olga <" + CLIENT + ">", SUPPORT, null,
                        "A small one", "Hello"));
                StringBuilder html = new StringBuilder("<html><body>");
                for (int i = 0; html.length() < 1_000_000; i++) {
                    html.append("<p>Paragraph <b>").append(i).append("</b> of the report.</p>\n");
                }
                mail.deliver(alternative("html@client.example", "A megabyte of HTML", "See the HTML part.",
                        html.append("<p>The end.</p></body></html>").toString()));

                JsonNode twelveTask = awaitTask(bundle, "Twelve megabytes");
                assertSameText("12 MB description", twelveTask.get("description").asText(), asStored(twelve));
                assertSameText("20 MB description", awaitTask(bundle, "Twenty megabytes").get("description").asText(),
                        asStored(twenty));
                long id = twelveTask.get("id").asLong();
                assertThat(bundle.json("/api/tasks?size=10").get("items").get(0).has("description"))
                        .as("a list holds no descriptions").isFalse();
                long htmlTask = awaitTask(bundle, "A megabyte of HTML").get("id").asLong();
                String storedHtml = bundle.database().inTransaction(s -> s.find(Task.class, htmlTask).descriptionHtml());
                assertThat(storedHtml.length()).isGreaterThan(StoredText.INLINE_LIMIT);
                assertThat(storedHtml).contains("Paragraph <b>0</b>", "The end.");

                // A 2 MB answer from the client becomes a comment; its References name 10,000 earlier mails.
                String reply = words(2_000_000, 2);
                mail.deliver(reply("reply@client.example", "twelve@client.example", "Re: Twelve megabytes", reply));
                JsonNode replyRecord = bundle.awaitRecord("reply@client.example");
                assertThat(replyRecord.get("status").asText()).isEqualTo("PROCESSED");
                // kept as RFC 5322 trims a thread: the first and the nearest 99 (each may cost a look-up)
                assertThat(replyRecord.get("references")).hasSize(100);
                assertThat(replyRecord.get("references").get(0).asText()).isEqualTo("earlier-0@thread.client.example");
                assertThat(replyRecord.get("references").get(99).asText()).isEqualTo("twelve@client.example");

                // A 10 MB comment over REST, mailed to the client and to a colleague.
                String comment = words(9_900_000, 3);
                String request = JSON.writeValueAsString(Map.of("author", "alice", "text", comment,
                        "notify", Map.of("contacts", List.of(CLIENT), "employees", List.of("bob"))));
                assertThat(request.getBytes(StandardCharsets.UTF_8).length).as("a 10 MB request, under the limit")
                        .isBetween(10_000_000, 10_485_760);
                JsonNode posted = bundle.call("POST", "/api/tasks/" + id + "/comments", request, 201);
                assertThat(posted.get("mailedTo")).hasSize(2);

                JsonNode task = bundle.json("/api/tasks/" + id);
                assertSameText("description read again", task.get("description").asText(), asStored(twelve));
                List<String> comments = task.get("comments").findValuesAsText("text");
                assertThat(comments).hasSize(2);
                assertSameText("2 MB reply", comments.get(0), reply);
                assertSameText("10 MB comment", comments.get(1), comment);

                String toClient = mailedText(mail, CLIENT);
                assertSameText("mail to the client", toClient.substring(0, Math.min(toClient.length(),
                        comment.length())), comment);
                String toColleague = mailedText(mail, "bob@staff.example");
                int start = toColleague.indexOf("\n\n") + 2;
                assertSameText("mail to the colleague", toColleague.substring(start, Math.min(toColleague.length(),
                        start + comment.length())), comment);

                // Small text stays in the row (the speed of ordinary mail); large text is in the second column.
                assertThat(columns(bundle, "select count(*) from task where description_large is null"
                        + " and description = 'Hello\n'")).isEqualTo(1);
                assertThat(columns(bundle, "select count(*) from task where description is null"
                        + " and description_large is not null")).isEqualTo(2);
                assertThat(columns(bundle, "select count(*) from task where description_html is null"
                        + " and description_html_large is not null")).isEqualTo(1);
                assertThat(columns(bundle, "select count(*) from message where references_ids is null"
                        + " and references_large is not null")).as("trimmed References fit in the row").isZero();
                assertThat(columns(bundle, "select count(*) from task_comment where body is null"
                        + " and body_large is not null")).isEqualTo(2);
            }
        }
    }

    @Test
    void largeTextNeedsNoMoreThan256MegabytesOfHeap() throws Exception {
        try (TestMailServer mail = new TestMailServer()) {
            String twelve = words(12_000_000, 5);
            String twenty = "All work and no play makes Jack a dull boy.\n".repeat(20_000_000 / 44);
            mail.deliver(Mails.simple("heap-12@client.example", CLIENT, SUPPORT, null, "Heap twelve", twelve));
            mail.deliver(Mails.simple("heap-20@client.example", CLIENT, SUPPORT, null, "Heap twenty", twenty));
            try (ChildBundle bundle = ChildBundle.start(dir, TestBundle.imapSettings(dir, mail), "-Xmx256m",
                    "-XX:+ExitOnOutOfMemoryError")) {
                try {
                    JsonNode task = awaitTask(bundle, "Heap twelve");
                    assertSameText("12 MB description", task.get("description").asText(), asStored(twelve));
                    assertSameText("20 MB description", awaitTask(bundle, "Heap twenty").get("description").asText(),
                            asStored(twenty));
                    String comment = words(9_900_000, 6); // a 10 MB request
                    long id = task.get("id").asLong();
                    bundle.call("POST", "/api/tasks/" + id + "/comments", JSON.writeValueAsString(Map.of(
                            "author", "alice", "text", comment, "notify", Map.of("contacts", List.of(CLIENT)))), 201);
                    assertSameText("10 MB comment", bundle.json("/api/tasks/" + id).get("comments").get(0).get("text")
                            .asText(), comment);
                    assertSameText("mail to the client", mailedText(mail, CLIENT).substring(0, comment.length()),
                            comment);
                } catch (Exception | AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; the bundle's log ends with:\n" + bundle.logTail(), e);
                }
                assertThat(bundle.alive()).as("bundle alive; its log ends with:\n%s", bundle.logTail()).isTrue();
                assertThat(bundle.log()).doesNotContain("OutOfMemoryError");
            }
        }
    }

    @Test
    void aRejectedLargeMailIsProcessedAgainOnceItsAddressExists() throws Exception {
        try (TestMailServer mail = new TestMailServer();
                TestBundle bundle = TestBundle.start(TestBundle.imapSettings(dir, mail))) {
            String text = words(12_000_000, 4);
            mail.deliver(Mails.simple("desk@client.example", CLIENT, "newdesk@test.mailtask", null, "For the new desk",
                    text));
            JsonNode rejected = bundle.awaitRecord("desk@client.example");
            assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");

            bundle.call("POST", "/api/virtual-addresses", "{\"name\":\"newdesk\",\"projectNumber\":1}", 201);
            JsonNode outcome = bundle.call("POST", "/api/messages/" + rejected.get("id").asLong() + "/reprocess", null,
                    200);

            assertThat(outcome.get("action").asText()).isEqualTo("CREATE_TASK");
            JsonNode task = bundle.json("/api/tasks/" + outcome.get("taskId").asLong());
            assertThat(task.get("title").asText()).isEqualTo("For the new desk");
            assertSameText("description", task.get("description").asText(), asStored(text));
        }
    }

    @Test
    void aRequestBodyOverTheLimitIsRefusedWith413AndAJsonMessage() throws Exception {
        try (TestMailServer mail = new TestMailServer();
                TestBundle bundle = TestBundle.start(TestBundle.imapSettings(dir, mail))) {
            mail.deliver(Mails.simple("limit@client.example", CLIENT, SUPPORT, null, "Limits", "x"));
            long id = awaitTask(bundle, "Limits").get("id").asLong();
            byte[] sixty = ("{\"author\":\"alice\",\"text\":\"" + "x".repeat(60_000_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            HttpClient http = HttpClient.newHttpClient();
            for (HttpRequest.BodyPublisher body : List.of(HttpRequest.BodyPublishers.ofByteArray(sixty),
                    HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(sixty)))) {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                URI.create(bundle.baseUrl() + "/api/tasks/" + id + "/comments"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + ApiClient.TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(body).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
                assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("application/json"));
                assertThat(JSON.readTree(answer.body()).get("error").asText())
                        .contains("larger than 10485760 bytes");
            }
            assertThat(bundle.json("/api/tasks/" + id).get("comments")).as("nothing stored").isEmpty();
        }
    }

    /** A reply of the client's to one of its mails, late in a long thread (10,000 earlier mails). */
    private static byte[] reply(String messageId, String inReplyTo, String subject, String body) {
        StringBuilder references = new StringBuilder("References:");
        for (int i = 0; i < 10_000; i++) {
            references.append(" <earlier-").append(i).append("@thread.client.example>\r\n");
        }
        references.append(" <").append(inReplyTo).append(">");
        String raw = new String(Mails.simple(messageId, "Olga <" + CLIENT + ">", SUPPORT, null, subject, body),
                StandardCharsets.UTF_8);
        return raw.replaceFirst("\r\nMIME-Version:", "\r\nIn-Reply-To: <" + inReplyTo + ">\r\n"
                        + references + "\r\nMIME-Version:")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A mail with a plain text and an HTML version. */
    private static byte[] alternative(String messageId, String subject, String text, String html) {
        return ("From: Olga <" + CLIENT + ">\r\nTo: " + SUPPORT + "\r\nSubject: " + subject + "\r\n"
                + "Message-ID: <" + messageId + ">\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
                + "--alt\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n"
                + "--alt\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n" + html + "\r\n"
                + "--alt--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Equal texts; else where they part, without printing megabytes. */
    private static void assertSameText(String what, String actual, String expected) {
        if (actual.equals(expected)) {
            return;
        }
        int at = 0;
        while (at < Math.min(actual.length(), expected.length()) && actual.charAt(at) == expected.charAt(at)) {
            at++;
        }
        throw new AssertionError(what + ": " + actual.length() + " characters, expected " + expected.length()
                + "; they differ at " + at + ": '" + excerpt(actual, at) + "' instead of '" + excerpt(expected, at)
                + "'");
    }

    private static String excerpt(String text, int at) {
        return text.substring(Math.max(0, at - 20), Math.min(text.length(), at + 20)).replace("\n", "\\n");
    }

    private static JsonNode awaitTask(ApiClient bundle, String title) throws Exception {
        long id = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> bundle.taskId(title), java.util.Optional::isPresent).orElseThrow();
        return bundle.json("/api/tasks/" + id);
    }

    /** The text of the one mail in someone's inbox, once it is there, with its line breaks as written. */
    private static String mailedText(TestMailServer mail, String address) throws Exception {
        List<MimeMessage> inbox = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> mail.inboxOf(address), mails -> !mails.isEmpty());
        assertThat(inbox).hasSize(1);
        return inbox.get(0).getContent().toString().replace("\r\n", "\n");
    }

    private static long columns(TestBundle bundle, String sql) {
        return bundle.database().inTransaction(s -> ((Number) s.createNativeQuery(sql, Long.class)
                .getSingleResult()).longValue());
    }

    /**
     * The database a scenario runs on: HSQLDB in the test's directory, or a schema of its own in the PostgreSQL
     * database that {@code MAILTASK_TEST_POSTGRES_URL} names, dropped afterwards.
     */
    private record Schema(String url, String user, String password, String name) implements AutoCloseable {

        static Schema of(String database) throws Exception {
            if (database.equals("hsqldb")) {
                return new Schema(null, null, null, null);
            }
            String url = System.getenv("MAILTASK_TEST_POSTGRES_URL");
            assumeTrue(url != null && !url.isBlank(), "MAILTASK_TEST_POSTGRES_URL not set");
            Schema schema = new Schema(url, System.getenv().getOrDefault("MAILTASK_TEST_POSTGRES_USER", "mailtask"),
                    System.getenv().getOrDefault("MAILTASK_TEST_POSTGRES_PASSWORD", "mailtask"),
                    "large_text_" + System.nanoTime());
            schema.execute("CREATE SCHEMA " + schema.name);
            return schema;
        }

        Map<String, String> settings(Path dir, TestMailServer mail) throws Exception {
            if (url == null) {
                return TestBundle.imapSettings(dir, mail);
            }
            Map<String, String> settings = TestBundle.settings(dir,
                    url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name,
                    TestBundle.imapAccount(mail, "200ms"));
            settings.put("mailtask.db.user", user);
            settings.put("mailtask.db.password", password);
            return settings;
        }

        private void execute(String sql) throws Exception {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        @Override
        public void close() throws Exception {
            if (url != null) {
                execute("DROP SCHEMA " + name + " CASCADE");
            }
        }
    }
}
