package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mail loops (product §5): Mailtask facing auto-responders and another Mailtask over a real mail server.
 *
 * <p>"The exchange stops after at most one mail" means here: every mail a person causes (a comment to a
 * client, the notifications about it) gets at most one automatic answer from each mailbox; an automatic
 * answer Mailtask cannot recognise (no headers say "automatic") is acted on at most once per sender and task,
 * so it causes at most one more mail to each other party; every later answer is recorded and causes nothing.
 * Then nobody sends anything any more: "quiet" is every mailbox read and answered, every mail processed, the
 * outbox empty, and no count moving for 3 seconds. Each scenario prints one line with the counts.
 */
class LoopsTest extends SharedImapBundle {

    static final List<AutoResponder> responders = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        startShared(Map.of("mailtask.outbox.period", "200"));
    }

    @AfterAll
    static void stop() {
        responders.forEach(AutoResponder::close); // before the bundle and the mail server stop
    }

    /**
     * An honest auto-responder (Auto-Submitted: auto-replied) on the client's mailbox and on an employee's:
     * each answers the one mail it gets, the answers are filed with the task, nothing more is sent.
     */
    @Test
    void honestAutoResponderGetsOneMailAndItsAnswerEndsIt() throws Exception {
        bundle.call("POST", "/api/employees", """
                {"login": "erin", "name": "Erin Evans", "email": "erin@staff.example"}""", 201);
        AutoResponder client = responder(AutoResponder.honest(mail, "hal@client.example"));
        AutoResponder erin = responder(AutoResponder.honest(mail, "erin@staff.example"));
        long task = taskFrom("hal@client.example", "Window cracked");
        bundle.call("POST", "/api/tasks/" + task + "/comments", """
                {"author": "alice", "text": "The glazier comes tomorrow.",
                 "notify": {"contacts": ["hal@client.example"], "employees": ["erin"]}}""", 201);

        awaitQuiet(client, erin);
        assertThat(client.received()).as("our comment").isEqualTo(1);
        assertThat(client.sent()).isEqualTo(1);
        assertThat(erin.received()).as("the notification").isEqualTo(1);
        assertThat(erin.sent()).isEqualTo(1);
        assertThat(comments(task)).as("alice's only: the answers are no comments").hasSize(1);
        assertThat(decisionsFrom("hal@client.example", "erin@staff.example").stream()
                .filter(d -> !d.startsWith("create task"))).hasSize(2).allMatch(d -> d.startsWith("ignored: auto reply"));
        System.out.printf("loops: honest auto-responder: mails exchanged %d (%d to the client and an employee,"
                + " %d automatic answers back), then quiet%n", client.received() + erin.received() + client.sent()
                + erin.sent(), client.received() + erin.received(), client.sent() + erin.sent());
    }

    /**
     * The worst case: auto-responders that mark nothing answer "Re: subject" with In-Reply-To, on the client's
     * mailbox and on the two employees told of the comment. The client's answer becomes a comment and
     * notifies both; each employee's first answer becomes their comment and notifies the other (a person's
     * quick "on it" must reach a colleague, and the first answer cannot be told from one); without a loop
     * breaker the two would then notify each other forever. The same text answering our automatic mail on the
     * same task again is recorded as a loop: each employee's mailbox gets exactly one mail caused by the other's
     * automatic answer, and the exchange ends.
     */
    @Test
    void dumbAutoRespondersOnTheClientAndTwoEmployeesStopAfterOneRound() throws Exception {
        bundle.call("POST", "/api/employees", """
                {"login": "frank", "name": "Frank Fox", "email": "frank@staff.example"}""", 201);
        bundle.call("POST", "/api/employees", """
                {"login": "grace", "name": "Grace Gill", "email": "grace@staff.example"}""", 201);
        AutoResponder client = responder(AutoResponder.dumb(mail, "ivy@client.example"));
        AutoResponder frank = responder(AutoResponder.dumb(mail, "frank@staff.example"));
        AutoResponder grace = responder(AutoResponder.dumb(mail, "grace@staff.example"));
        long task = taskFrom("ivy@client.example", "Heating off");
        bundle.call("POST", "/api/tasks/" + task + "/comments", """
                {"author": "alice", "text": "Who has the key to the boiler room?",
                 "notify": {"contacts": ["ivy@client.example"], "employees": ["frank", "grace"]}}""", 201);

        awaitQuiet(client, frank, grace);
        assertThat(client.received()).as("alice's comment; nothing automatic goes to a client").isEqualTo(1);
        assertThat(client.sent()).isEqualTo(1);
        // alice's comment, ivy's answer (a comment), the colleague's first answer (a comment): one each
        assertThat(frank.received()).isEqualTo(3);
        assertThat(grace.received()).isEqualTo(3);
        assertThat(frank.sent()).isEqualTo(3);
        assertThat(grace.sent()).isEqualTo(3);
        List<String> authors = authors(task);
        assertThat(authors).containsExactlyInAnyOrder("alice@staff.example", "ivy@client.example",
                "frank@staff.example", "grace@staff.example");
        List<String> loops = decisionsFrom("frank@staff.example", "grace@staff.example").stream()
                .filter(d -> !d.startsWith("add comment")).toList();
        assertThat(loops).hasSize(4).allMatch(d -> d.startsWith("ignored: loop: "));
        int out = client.received() + frank.received() + grace.received();
        int in = client.sent() + frank.sent() + grace.sent();
        System.out.printf("loops: dumb auto-responders (client + 2 employees): mails exchanged %d (%d out, %d"
                + " answers back; 3 answers became comments, %d recorded as a loop), then quiet%n", out + in, out, in,
                loops.size());
    }

    /**
     * Dumb auto-responders whose text changes every time ("request no. 7 received") are not caught by the
     * repeated text; the burst limit holds them: a sender's sixth mail comment on a task within 10 minutes that
     * answers our automatic mail again is quarantined for a person (it could be one in a hurry).
     */
    @Test
    void dumbAutoRespondersWithChangingTextAreHeldByTheBurstLimit() throws Exception {
        bundle.call("POST", "/api/employees", """
                {"login": "kai", "name": "Kai King", "email": "kai@staff.example"}""", 201);
        bundle.call("POST", "/api/employees", """
                {"login": "lea", "name": "Lea Lang", "email": "lea@staff.example"}""", 201);
        AutoResponder kai = responder(AutoResponder.dumbNumbering(mail, "kai@staff.example"));
        AutoResponder lea = responder(AutoResponder.dumbNumbering(mail, "lea@staff.example"));
        long task = taskFrom("jo@client.example", "Lift stuck");
        bundle.call("POST", "/api/tasks/" + task + "/comments", """
                {"author": "alice", "text": "Who can call the lift company?",
                 "notify": {"employees": ["kai", "lea"]}}""", 201);

        awaitQuiet(kai, lea);
        List<String> authors = authors(task);
        assertThat(authors.stream().filter("kai@staff.example"::equals)).hasSizeLessThanOrEqualTo(5);
        assertThat(authors.stream().filter("lea@staff.example"::equals)).hasSizeLessThanOrEqualTo(5);
        List<String> held = decisionsFrom("kai@staff.example", "lea@staff.example").stream()
                .filter(d -> d.startsWith("quarantined: loop?")).toList();
        assertThat(held).isNotEmpty();
        int out = kai.received() + lea.received();
        int in = kai.sent() + lea.sent();
        System.out.printf("loops: dumb auto-responders with changing text (2 employees): mails exchanged %d (%d out,"
                + " %d answers back; %d answers became comments, %d held as a possible loop), then quiet%n", out + in,
                out, in, authors.size() - 1, held.size());
    }

    /**
     * Two Mailtask bundles facing each other (one JVM, one mail server; the other's domain is other.example): a
     * client writes to both, each side has the other as a contact and an employee whose address is another
     * address of the other desk (a forwarding that went wrong; an address is one person's only). A person's
     * comment on each side goes to the other as a comment; the notifications each sends are automatic and the
     * other ignores them. Nothing answers anything
     * automatically, so the exchange is the mails the two persons caused, and then quiet.
     */
    @Test
    void twoMailtasksFacingEachOtherExchangeOnlyWhatPeopleWrote() throws Exception {
        String other = "support@other.example";
        String ours = "support@test.mailtask";
        mail.catchAll("other.example", other);
        mail.send(Mails.simple("roof-1@client.example", "Carol <carol@client.example>", ours, other, "Roof leaks",
                "Water everywhere."), ours, other); // also makes the other desk's mailbox
        long taskA = bundle.awaitTask("Roof leaks").get("id").asLong();
        java.nio.file.Files.createDirectories(dir.resolve("b"));
        var settings = TestBundle.settings(dir.resolve("b"), "jdbc:hsqldb:file:" + dir.resolve("b/db/mailtask"), """
                accounts:
                  - id: other-imap
                    protocol: imap
                    host: 127.0.0.1
                    port: %d
                    username: %s
                    password: "{{test.mail.password}}"
                    pollDelay: 200ms
                    address: %s
                    domains: [other.example]
                    smtp:
                      host: 127.0.0.1
                      port: %d
                      starttls: false
                    default: true
                """.formatted(mail.imapPort(), other, other, mail.smtpPort()));
        settings.put("mailtask.outbox.period", "200");
        try (TestBundle b = TestBundle.start(settings)) {
            long taskB = b.awaitTask("Roof leaks").get("id").asLong();
            bundle.call("POST", "/api/employees", """
                    {"login": "deskb", "name": "Desk B", "email": "alerts@other.example"}""", 201);
            b.call("POST", "/api/employees", """
                    {"login": "deska", "name": "Desk A", "email": "alerts@test.mailtask"}""", 201);

            bundle.call("POST", "/api/tasks/" + taskA + "/comments", """
                    {"author": "alice", "text": "Desk A: a roofer is on the way.",
                     "notify": {"contacts": ["support@other.example"], "employees": ["deskb"]}}""", 201);
            await().atMost(Duration.ofSeconds(20)).until(() -> b.json("/api/tasks/" + taskB).get("comments").size(),
                    n -> n == 1);
            // desk A takes no part in B's task (Carol only had B on Cc): B's employee lets its mail in
            JsonNode held = b.json("/api/tasks/" + taskB).get("comments").get(0);
            assertThat(held.get("held").asBoolean()).isTrue();
            b.call("POST", "/api/tasks/" + taskB + "/comments/" + held.get("id").asLong() + "/admit", "{}", 200);
            b.call("POST", "/api/tasks/" + taskB + "/comments", """
                    {"author": "bob", "text": "Desk B: thanks, we close ours.",
                     "notify": {"contacts": ["support@test.mailtask"], "employees": ["deska"]}}""", 201);

            awaitQuiet(List.of(bundle, b), () -> mail.inboxOf(other).size() == records(b));
            long aToB = bundle.outboxTo(other) + bundle.outboxTo("alerts@other.example");
            long bToA = b.outboxTo(ours) + b.outboxTo("alerts@test.mailtask");
            // B's comment reaches A from a contact, so A tells its notified employee of it too: a third notice.
            assertThat(aToB).as("A's comment, its notice and the notice of B's comment").isEqualTo(3);
            assertThat(bToA).as("B's comment and its notice").isEqualTo(2);
            assertThat(authors(bundle, taskA)).containsExactly("alice@staff.example", other);
            assertThat(authors(b, taskB)).containsExactly(ours, "bob@staff.example");
            assertThat(decisions(b, ours)).filteredOn(d -> !d.startsWith("add comment")).hasSize(2)
                    .allMatch(d -> d.startsWith("ignored: auto generated (Auto-Submitted: auto-generated"));
            assertThat(decisions(bundle, other)).filteredOn(d -> !d.startsWith("add comment")).hasSize(1)
                    .allMatch(d -> d.startsWith("ignored: auto generated (Auto-Submitted: auto-generated"));
            System.out.printf("loops: two Mailtasks facing each other: mails exchanged %d (%d A to B, %d B to A; 2"
                    + " comments, 3 automatic notices ignored), then quiet%n", aToB + bToA, aToB, bToA);
        }
    }

    private static long records(TestBundle b) {
        return b.database().inTransaction(s -> s.createSelectionQuery("select count(m) from MessageRecord m",
                Long.class).getSingleResult());
    }


    private static List<String> decisions(TestBundle b, String sender) {
        return b.database().inTransaction(s -> s.createSelectionQuery(
                "select m.decision from MessageRecord m where m.fromAddress = :from order by m.id", String.class)
                .setParameter("from", sender).getResultList());
    }

    private static List<String> authors(TestBundle b, long task) throws Exception {
        List<String> authors = new ArrayList<>();
        b.json("/api/tasks/" + task).get("comments").forEach(c -> authors.add(c.get("author").get("email").asText()));
        return authors;
    }

    private static void awaitQuiet(AutoResponder... involved) {
        awaitQuiet(List.of(bundle), () -> {
            for (AutoResponder r : involved) {
                if (!r.caughtUp()) {
                    return false;
                }
            }
            return true;
        }, involved);
    }

    /** Waits until nothing moves any more (see the class comment) and for 3 seconds more. */
    private static void awaitQuiet(List<TestBundle> bundles, Callable<Boolean> settled, AutoResponder... involved) {
        AtomicReference<List<Long>> last = new AtomicReference<>();
        Callable<Boolean> quiet = () -> {
            if (!settled.call()) {
                return false;
            }
            List<Long> now = new ArrayList<>();
            long queued = 0;
            for (TestBundle b : bundles) {
                List<Long> counts = counts(b);
                queued += counts.get(0);
                now.addAll(counts);
            }
            for (AutoResponder r : involved) {
                now.add((long) r.sent());
            }
            boolean same = now.equals(last.getAndSet(now));
            return same && queued == 0 && !mail.seenFlags("INBOX").contains(false);
        };
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .during(Duration.ofSeconds(3)).until(quiet);
    }

    /** Queued outbox mail, all outbox mail, all message records. */
    private static List<Long> counts(TestBundle b) {
        return b.database().inTransaction(s -> List.of(
                s.createSelectionQuery("select count(o) from OutboxMail o where o.status ="
                        + " dev.mailtask.conversation.DeliveryStatus.QUEUED", Long.class).getSingleResult(),
                s.createSelectionQuery("select count(o) from OutboxMail o", Long.class).getSingleResult(),
                s.createSelectionQuery("select count(m) from MessageRecord m", Long.class).getSingleResult()));
    }

    private static AutoResponder responder(AutoResponder r) {
        responders.add(r);
        return r;
    }

    /** A task made by a client's mail to support. */
    private static long taskFrom(String client, String title) throws Exception {
        mail.send(Mails.simple(title.replace(' ', '-') + "@client.example", client, "support@test.mailtask", null,
                title, "Please help."), "support@test.mailtask");
        return bundle.awaitTask(title).get("id").asLong();
    }

    /** Each comment's author's e-mail, in order. */
    private static List<String> authors(long task) throws Exception {
        List<String> authors = new ArrayList<>();
        comments(task).forEach(c -> authors.add(c.get("author").get("email").asText()));
        return authors;
    }

    private static JsonNode comments(long task) throws Exception {
        return bundle.json("/api/tasks/" + task).get("comments");
    }

    /** The intake decisions on mail from these senders. */
    private static List<String> decisionsFrom(String... senders) {
        return bundle.database().inTransaction(s -> s.createSelectionQuery(
                "select m.decision from MessageRecord m where m.fromAddress in :from order by m.id", String.class)
                .setParameter("from", List.of(senders)).getResultList());
    }
}
