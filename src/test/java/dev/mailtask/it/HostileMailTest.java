package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtask.intake.MessageRecord;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Mail any stranger can send, built to stall intake, against a running bundle and a real mail server. Each case
 * delivers its hostile mail and an ordinary mail right behind it: the ordinary one must become a task soon (the
 * time from its delivery to its task is the case's stall), the hostile one must have its record (processed, or
 * quarantined as over the content budget, naming the stage), and no delivered mail may be left without a record.
 * After the cases one line sums up: {@code hostile mail: N cases, max stall S s, lost 0}.
 *
 * <p>To add a case, add a line to {@link #CASES}: a name, the mail (built from its Message-ID) and what must
 * become of it.
 */
class HostileMailTest extends SharedImapBundle {

    /**
     * The content budget the bundle runs with: twice the default, for a cold JVM on a shared machine (the first
     * big mail is parsed before the JIT compiler has caught up); and how long the mail behind may wait at most.
     */
    private static final Duration BUDGET = Duration.ofSeconds(10);
    private static final Duration STALL_BOUND = Duration.ofSeconds(60);
    private static final String BACKTRACKING = "(x+x+)+y";

    /** What must become of a hostile mail. */
    enum Outcome {
        /** A task whose description holds the expected text. */
        TASK,
        /** A comment on the thread's task, with the expected text. */
        COMMENT,
        /** Any record: processed, ignored, or quarantined as over the content budget. */
        RECORDED,
        /** Quarantined as over the content budget in the expected stage; the raw mail kept. */
        OVER_BUDGET,
        /**
         * A held comment on the thread's task with the expected text: its sender no participant, no one told (the
         * thread's task has no assignee to tell, so what is checked is that the sender did not get in).
         */
        HELD
    }

    /** A named hostile mail: {@code mail} builds it from its Message-ID. */
    record Case(String name, Function<String, byte[]> mail, Outcome outcome, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final List<Case> CASES = List.of(
            new Case("200,000 nested <b>", id -> html(id, "<b>".repeat(200_000) + "x"), Outcome.TASK, "x"),
            new Case("100,000 nested <div>", id -> html(id, "<div>".repeat(100_000) + "x"), Outcome.TASK, "x"),
            new Case("a reply quoting 3,500 lines", id -> toThread(id, "Thanks, see below.\n\n"
                    + quoted(3_500)), Outcome.COMMENT, "Thanks, see below."),
            new Case("20,000 quoted lines", id -> plain(id, "support@" + TestMailServer.DOMAIN, "Quoted",
                    "Hello\n\n" + quoted(20_000)), Outcome.TASK, "> line 19999"),
            new Case("a single-line attribute of 1 MB", id -> html(id, "<p>see <a href=\"http://x.example/"
                    + "y".repeat(1_000_000) + "\" style=\"" + " ".repeat(500_000) + "\">the link</a></p>"),
                    Outcome.TASK, "the link"),
            new Case("60,000 encoded words in made-up charsets", id -> withSubject(id, encodedWords(60_000,
                    i -> "x-made-up-" + i)), Outcome.TASK, "Words."),
            new Case("60,000 encoded words under alternating UTF-8 labels", id -> withSubject(id,
                    encodedWords(60_000, i -> i % 2 == 0 ? "utf-8" : "utf8")), Outcome.TASK, "Words."),
            new Case("'Re: ' 100,000 times", id -> withSubject(id, "Re: ".repeat(100_000) + "x"), Outcome.TASK,
                    "Words."),
            new Case("3,000 lines that look like attributions", id -> plain(id, "support@" + TestMailServer.DOMAIN,
                    "Attributions", ("12:30 " + "a".repeat(990) + "\n").repeat(3_000) + "> q\n> q\n> q\n"),
                    Outcome.TASK, "12:30 aaa"),
            new Case("a bounce with a line of 60,000 dashes", id -> bounce(id, "-".repeat(60_000)), Outcome.RECORDED,
                    null),
            new Case("a bounce with 500,000 blank lines", id -> bounce(id, "\n".repeat(500_000) + "x"),
                    Outcome.RECORDED, null),
            new Case("a delivery report of 20,000 base64 lines", HostileMailTest::base64Report, Outcome.RECORDED,
                    null),
            new Case("10,000 inline text parts", HostileMailTest::manyParts, Outcome.TASK, "part 9999"),
            new Case("References to 50,000 mails", id -> plain(id, "support@" + TestMailServer.DOMAIN,
                    "References", "Words.", "References: " + IntStream.range(0, 50_000)
                            .mapToObj(i -> "<r" + i + "@evil.example>").collect(Collectors.joining(" "))),
                    Outcome.TASK, "Words."),
            new Case("RTF in winmail.dat nested 100,000 groups deep", id -> winmail(id, "{\\rtf1\\ansi "
                    + "{".repeat(100_000) + "x" + "}".repeat(100_000) + "}"), Outcome.RECORDED, null),
            new Case("HTML-made RTF in winmail.dat of 50,000 nested tags", id -> winmail(id,
                    "{\\rtf1\\ansi\\fromhtml1 " + "{\\*\\htmltag <b>}".repeat(50_000) + "x}"), Outcome.TASK, "x"),
            new Case("a regex rule over 20,000 Cc", id -> plain(id, "alice@" + TestMailServer.DOMAIN, "Many Cc",
                    "Words.", "Cc: " + IntStream.range(0, 20_000).mapToObj(i -> "x".repeat(24) + i + "@client.example")
                            .collect(Collectors.joining(", "))), Outcome.TASK, "Words."),
            new Case("a regex rule over a 100,000-character subject", id -> plain(id, "alice@"
                    + TestMailServer.DOMAIN, "x".repeat(100_000), "Words."), Outcome.TASK, "Words."),
            new Case("an address with 60,000 domain labels", id -> plain(id, "support@" + TestMailServer.DOMAIN
                    + ", x@" + "y.".repeat(60_000) + "example", "Labels", "Words."), Outcome.TASK, "Words."),
            new Case("200,000 HTML elements at the depth limit", id -> html(id, "<div>".repeat(125)
                    + "<b>x</b> ".repeat(200_000)), Outcome.RECORDED, null),
            new Case("an employee's address, not authenticated, into a task", id -> from(
                    "Alice Adams <alice@staff.example>", toThread(id, "Refund approved, please wire 5000 EUR.")),
                    Outcome.HELD, "Refund approved, please wire 5000 EUR."),
            new Case("a stranger quoting a stored Message-ID", id -> plain(id, "support@" + TestMailServer.DOMAIN,
                    "Re: Thread for replies", "I am in your thread now.",
                    "In-Reply-To: <thread-starter@client.example>"), Outcome.HELD, "I am in your thread now."),
            new Case("2,000 backtracking rules over a long body", id -> plain(id, "bob@" + TestMailServer.DOMAIN,
                    "Long body", "x".repeat(100_000)), Outcome.OVER_BUDGET, "rule evaluation"));

    private static long threadTaskId;
    private static long threadTaskNumber;
    private static final List<String> delivered = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        startShared(Map.of("mailtask.intake.content-budget", String.valueOf(BUDGET.toMillis())));
        bundle.call("PUT", "/api/rules/alice", """
                address: alice
                rules:
                  - name: Backtracking on every Cc
                    conditions:
                      - {field: cc, op: regex, value: "%1$s"}
                    action: ignore
                  - name: Backtracking on the subject
                    conditions:
                      - {field: subject, op: regex, value: "%1$s"}
                    action: ignore
                default:
                  action: create task
                """.formatted(BACKTRACKING), 200);
        StringBuilder costly = new StringBuilder("address: bob\nrules:\n");
        for (int i = 1; i <= 2_000; i++) {
            costly.append("  - name: Costly ").append(i).append("\n    conditions:\n      - {field: body, op: regex, value: \"")
                    .append(BACKTRACKING).append("\"}\n    action: ignore\n");
        }
        bundle.call("PUT", "/api/rules/bob", costly.toString(), 200);
        deliver("thread-starter@client.example", Mails.simple("thread-starter@client.example",
                "Carol <carol@client.example>", "support@" + TestMailServer.DOMAIN, null, "Thread for replies",
                "Where is my order?"));
        JsonNode thread = bundle.awaitTask("Thread for replies");
        threadTaskId = thread.get("id").asLong();
        threadTaskNumber = thread.get("number").asLong();
    }

    @TestFactory
    Stream<DynamicTest> hostileMailNeverStallsTheMailBehindIt() {
        List<Double> stalls = new ArrayList<>();
        Stream<DynamicTest> cases = CASES.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c, stalls)));
        DynamicTest nothingLost = DynamicTest.dynamicTest("every delivered mail has a record", () -> {
            long lost = delivered.stream().filter(id -> bundle.record(id).isEmpty()).count();
            double maxStall = stalls.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            System.out.printf(java.util.Locale.ROOT, "hostile mail: %d cases, max stall %.1f s, lost %d%n",
                    stalls.size(), maxStall, lost);
            assertThat(stalls).as("every case ran").hasSize(CASES.size());
            assertThat(lost).isZero();
        });
        return Stream.concat(cases, Stream.of(nothingLost));
    }

    /** Delivers the case's mail and an ordinary one behind it, adds the stall (in seconds) and checks both. */
    private static void run(Case c, List<Double> stalls) throws Exception {
        String slug = c.name().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "").toLowerCase(java.util.Locale.ROOT);
        String hostileId = "hostile-" + slug + "@evil.example";
        String afterId = "after-" + slug + "@client.example";
        String afterTitle = "After " + slug;
        deliver(hostileId, c.mail().apply(hostileId));
        // a sender of its own per case: twenty tasks from one sender are a flood, held by the flood guard
        deliver(afterId, Mails.simple(afterId, "Olga Ordinary <olga-" + slug + "@client.example>", "support@"
                + TestMailServer.DOMAIN, null, afterTitle, "An ordinary question."));
        long sentAt = System.nanoTime();
        await().atMost(STALL_BOUND).pollInterval(Duration.ofMillis(50)).until(() -> bundle.taskId(afterTitle),
                Optional::isPresent);
        double stall = (System.nanoTime() - sentAt) / 1e9;
        stalls.add(stall);
        System.err.printf(java.util.Locale.ROOT, "hostile mail case '%s': stall %.1f s%n", c.name(), stall);

        MessageRecord record = await().atMost(Duration.ofSeconds(20)).until(() -> bundle.record(hostileId),
                Optional::isPresent).orElseThrow();
        String status = record.status().name();
        String decision = record.decision();
        switch (c.outcome()) {
            case TASK -> {
                assertThat(status).as(decision).isEqualTo("PROCESSED");
                assertThat(record.taskId()).isNotNull();
                assertThat(bundle.json("/api/tasks/" + record.taskId()).get("description").asText())
                        .contains(c.expected());
            }
            case COMMENT -> {
                assertThat(status).as(decision).isEqualTo("PROCESSED");
                assertThat(record.taskId()).isEqualTo(threadTaskId);
                JsonNode comments = bundle.json("/api/tasks/" + threadTaskId).get("comments");
                assertThat(comments.findValuesAsText("text")).contains(c.expected());
            }
            case RECORDED -> {
                assertThat(status).as(decision).isIn("PROCESSED", "IGNORED", "QUARANTINED");
                if (status.equals("QUARANTINED")) {
                    assertThat(decision).startsWith("quarantined: over the content budget of ");
                }
            }
            case HELD -> {
                assertThat(status).as(decision).isEqualTo("PROCESSED");
                assertThat(decision).contains("held comment");
                assertThat(record.taskId()).isEqualTo(threadTaskId);
                JsonNode task = bundle.json("/api/tasks/" + threadTaskId);
                JsonNode comment = null;
                for (JsonNode x : task.get("comments")) {
                    comment = x.get("text").asText().equals(c.expected()) ? x : comment;
                }
                assertThat(comment).as("the held comment").isNotNull();
                assertThat(comment.get("held").asBoolean()).isTrue();
                assertThat(comment.get("author").isNull()).as("no one's word").isTrue();
                assertThat(task.get("participants").findValuesAsText("email"))
                        .doesNotContain(comment.get("sender").asText());
            }
            case OVER_BUDGET -> {
                assertThat(status).isEqualTo("QUARANTINED");
                assertThat(decision).isEqualTo("quarantined: over the content budget of " + BUDGET.toSeconds()
                        + " s in " + c.expected());
                String raw = new String(bundle.get("/api/messages/" + record.id() + "/raw").body(),
                        StandardCharsets.ISO_8859_1);
                assertThat(raw).as("the raw mail is kept for reprocessing").contains("Message-ID: <" + hostileId + ">")
                        .hasSizeGreaterThan(c.mail().apply(hostileId).length - 1000);
            }
        }
    }

    private static void deliver(String messageId, byte[] raw) throws Exception {
        delivered.add(messageId);
        mail.deliver(raw);
    }

    // ------------------------------------------------------------------------------------------------ mails

    private static byte[] raw(String id, String to, String subject, String extraHeaders, String contentType,
            String body) {
        String mail = "From: Mallory <" + id + ">\r\n"
                + "To: " + to + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Fri, 27 Nov 2026 10:00:00 +0000\r\n"
                + "Message-ID: <" + id + ">\r\n"
                + (extraHeaders == null ? "" : extraHeaders + "\r\n")
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n"
                + body.replace("\r\n", "\n").replace("\n", "\r\n") + "\r\n";
        return mail.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] plain(String id, String to, String subject, String body) {
        return plain(id, to, subject, body, null);
    }

    private static byte[] plain(String id, String to, String subject, String body, String extraHeaders) {
        return raw(id, to, subject, extraHeaders, "text/plain; charset=utf-8", body);
    }

    /** The mail as if from someone else. */
    private static byte[] from(String from, byte[] raw) {
        return new String(raw, StandardCharsets.ISO_8859_1).replaceFirst("(?m)^From: [^\r\n]*", "From: " + from)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] html(String id, String html) {
        return raw(id, "support@" + TestMailServer.DOMAIN, "HTML", null, "text/html; charset=utf-8", html);
    }

    private static byte[] withSubject(String id, String subject) {
        return raw(id, "support@" + TestMailServer.DOMAIN, subject, null, "text/plain; charset=utf-8", "Words.");
    }

    private static byte[] toThread(String id, String body) {
        return plain(id, "task+" + threadTaskNumber + "@" + TestMailServer.DOMAIN, "Re: Thread for replies", body);
    }

    private static String quoted(int lines) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            b.append("> line ").append(i).append('\n');
        }
        return b.toString();
    }

    /** Encoded words of 8-bit bytes, each word under the label {@code charset} gives it. */
    private static String encodedWords(int words, java.util.function.IntFunction<String> charset) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            byte[] bytes = {(byte) 0xE9, (byte) 0xE8, (byte) (0xC0 + i % 30)};
            b.append(i == 0 ? "" : " ").append("=?").append(charset.apply(i)).append("?B?")
                    .append(Base64.getEncoder().encodeToString(bytes)).append("?=");
        }
        return b.toString();
    }

    private static byte[] bounce(String id, String text) {
        return ("From: Mail Delivery System <MAILER-DAEMON@mx.evil.example>\r\n"
                + "To: support@" + TestMailServer.DOMAIN + "\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "Message-ID: <" + id + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
                + "Your message could not be delivered.\r\n" + text.replace("\n", "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] base64Report(String id) {
        String line = Base64.getEncoder().encodeToString("Final-Recipient: rfc822; a@b.example".getBytes(
                StandardCharsets.US_ASCII));
        return ("From: Mail Delivery System <MAILER-DAEMON@mx.evil.example>\r\n"
                + "To: support@" + TestMailServer.DOMAIN + "\r\n"
                + "Subject: Delivery Status Notification (Failure)\r\n"
                + "Message-ID: <" + id + ">\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n"
                + "--r\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
                + "--r\r\nContent-Type: message/delivery-status\r\n\r\n"
                + (line + "\r\n").repeat(20_000)
                + "--r--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] manyParts(String id) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            body.append("--p\r\nContent-Type: text/plain; charset=utf-8\r\n\r\npart ").append(i).append("\r\n");
        }
        body.append("--p--");
        return raw(id, "support@" + TestMailServer.DOMAIN, "Parts", null, "multipart/mixed; boundary=\"p\"",
                body.toString());
    }

    /** A mail whose only body is a winmail.dat holding this RTF (stored uncompressed, as [MS-OXRTFCP] allows). */
    private static byte[] winmail(String id, String rtf) {
        String body = "--w\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(tnef(rtf)) + "\r\n--w--";
        return raw(id, "support@" + TestMailServer.DOMAIN, "Outlook", null, "multipart/mixed; boundary=\"w\"", body);
    }

    /** A TNEF stream with one attribute, the message's MAPI properties: PR_RTF_COMPRESSED ("MELA": not compressed). */
    private static byte[] tnef(String rtf) {
        byte[] text = rtf.getBytes(StandardCharsets.ISO_8859_1);
        byte[] compressed = ByteBuffer.allocate(16 + text.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(12 + text.length).putInt(text.length).putInt(0x414C454D).putInt(0).put(text).array();
        int padding = (4 - compressed.length % 4) % 4;
        byte[] properties = ByteBuffer.allocate(16 + compressed.length + padding).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(1).putShort((short) 0x0102).putShort((short) 0x1009).putInt(1).putInt(compressed.length)
                .put(compressed).array();
        int checksum = 0;
        for (byte b : properties) {
            checksum += b & 0xFF;
        }
        return ByteBuffer.allocate(6 + 9 + properties.length + 2).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0x223E9F78).putShort((short) 1)
                .put((byte) 1).putInt(0x00069003).putInt(properties.length).put(properties)
                .putShort((short) checksum).array();
    }
}
