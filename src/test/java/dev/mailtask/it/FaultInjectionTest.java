package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import com.icegreen.greenmail.util.ServerSetup;
import org.apache.camel.builder.NotifyBuilder;
import org.hsqldb.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults at the worst moment, on a batch of mails: the bundle's JVM killed, the database gone, the SMTP
 * server down, the IMAP server restarted. Afterwards every mail is exactly one task: none lost, none twice.
 * Each scenario prints {@code faults: <scenario>: mails N, tasks N, duplicates 0, lost 0}.
 */
class FaultInjectionTest {

    private static final int BATCH = 200;

    @TempDir
    Path dir;

    @Test
    void killedMidBatchAndRestartedEveryMailBecomesExactlyOneTask() throws Exception {
        try (TestMailServer mail = new TestMailServer()) {
            List<String> subjects = deliverBatch(mail, "kill");
            Map<String, String> settings = TestBundle.imapSettings(dir, mail);
            try (ChildBundle first = ChildBundle.start(dir, settings)) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                        .until(() -> first.taskCount() >= 10);
                first.kill();
            }
            long seenAtKill = mail.seenFlags("INBOX").stream().filter(seen -> seen).count();
            assertThat(seenAtKill).as("the kill interrupted the batch").isLessThan(BATCH);

            try (ChildBundle second = ChildBundle.start(dir, settings)) {
                long tasksAtKill = second.taskCount();
                await().atMost(Duration.ofSeconds(60)).until(() -> allSeen(mail));
                report("kill -9 after " + tasksAtKill + " of " + BATCH + " tasks, restart", subjects, second.titles());
            }
        }
    }

    @Test
    void databaseStoppedMidBatchAndRestartedEveryMailBecomesExactlyOneTask() throws Exception {
        int dbPort = TestBundle.freePort();
        Server database = DatabaseServer.start(dir, dbPort);
        try (TestMailServer mail = new TestMailServer()) {
            List<String> subjects = deliverBatch(mail, "database");
            Map<String, String> settings = TestBundle.settings(dir,
                    "jdbc:hsqldb:hsql://127.0.0.1:" + dbPort + "/mailtask", TestBundle.imapAccount(mail, "200ms"));
            try (TestBundle bundle = TestBundle.start(settings)) {
                NotifyBuilder failed = new NotifyBuilder(bundle.camel()).fromRoute("mailbox-test-imap")
                        .whenFailed(1).create();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                        .until(() -> bundle.taskCount() >= 10);
                database.stop();
                assertThat(failed.matches(60, TimeUnit.SECONDS)).as("mail failed while the database was down").isTrue();
                long seenWhileDown = mail.seenFlags("INBOX").stream().filter(seen -> seen).count();
                assertThat(seenWhileDown).as("the outage interrupted the batch").isLessThan(BATCH);

                database = DatabaseServer.start(dir, dbPort);
                await().atMost(Duration.ofSeconds(60)).until(() -> allSeen(mail));
                report("database stopped after " + seenWhileDown + " of " + BATCH + " mails, restarted", subjects,
                        bundle.titles());
            }
        } finally {
            database.stop();
        }
    }

    @Test
    void imapServerRestartedMidPollEveryMailBecomesExactlyOneTask() throws Exception {
        try (TestMailServer mail = new TestMailServer()) {
            List<String> subjects = deliverBatch(mail, "imap");
            Map<String, String> settings = TestBundle.imapSettings(dir, mail);
            try (TestBundle bundle = TestBundle.start(settings)) {
                NotifyBuilder failed = new NotifyBuilder(bundle.camel()).fromRoute("mailbox-test-imap")
                        .whenFailed(1).create();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                        .until(() -> bundle.taskCount() >= 10);
                mail.stopServer(ServerSetup.PROTOCOL_IMAP);
                long tasksAtStop = bundle.taskCount();
                assertThat(failed.matches(60, TimeUnit.SECONDS)).as("a mail failed when the server went").isTrue();
                mail.startServer(ServerSetup.PROTOCOL_IMAP);
                assertThat(tasksAtStop).as("the restart interrupted the batch").isLessThan(BATCH);

                await().atMost(Duration.ofSeconds(60)).until(() -> allSeen(mail));
                report("IMAP server restarted after " + tasksAtStop + " of " + BATCH + " tasks", subjects,
                        bundle.titles());
            }
        }
    }

    /**
     * Tasks made from a batch while the SMTP server is down: the answer to each waits in the outbox and
     * every client gets exactly one once the server is back.
     */
    @Test
    void smtpServerDownAnswersWaitAndEachIsDeliveredOnce() throws Exception {
        int clients = 50;
        try (TestMailServer mail = new TestMailServer()) {
            Map<String, String> settings = TestBundle.imapSettings(dir, mail);
            settings.put("mailtask.outbox.period", "200");
            settings.put("mailtask.outbox.first-retry", "200");
            try (TestBundle bundle = TestBundle.start(settings)) {
                mail.stopServer(ServerSetup.PROTOCOL_SMTP);
                List<String> subjects = deliverBatch(mail, "smtp", clients);
                await().atMost(Duration.ofSeconds(60)).until(() -> bundle.titles().containsAll(subjects));
                for (int i = 1; i <= clients; i++) {
                    long id = bundle.taskId(subjects.get(i - 1)).orElseThrow();
                    String client = "client%03d@client.example".formatted(i);
                    bundle.call("POST", "/api/tasks/" + id + "/comments", """
                            {"author": "alice", "text": "On it.", "notify": {"contacts": ["%s"]}}""".formatted(client),
                            201);
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> allTriedAndQueued(bundle, clients));
                mail.startServer(ServerSetup.PROTOCOL_SMTP);

                await().atMost(Duration.ofSeconds(60)).until(
                        () -> bundle.json("/api/outbox?status=queued&size=500").get("items").isEmpty());
                long delivered = 0;
                long duplicates = 0;
                long lost = 0;
                for (int i = 1; i <= clients; i++) {
                    int received = mail.inboxOf("client%03d@client.example".formatted(i)).size();
                    delivered += received;
                    duplicates += Math.max(0, received - 1);
                    lost += received == 0 ? 1 : 0;
                }
                System.out.printf("faults: SMTP server down while %d answers were queued: mails %d, tasks %d,"
                        + " duplicates %d, lost %d%n", clients, delivered, bundle.titles().size(), duplicates, lost);
                assertThat(duplicates).isZero();
                assertThat(lost).isZero();
            }
        }
    }

    /** Every answer is in the outbox, still queued, and has failed at least once. */
    private static boolean allTriedAndQueued(TestBundle bundle, int expected) throws Exception {
        var queued = bundle.json("/api/outbox?status=queued&size=500").get("items");
        if (queued.size() != expected) {
            return false;
        }
        for (var mail : queued) {
            if (mail.path("lastError").asText().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static List<String> deliverBatch(TestMailServer mail, String scenario) throws Exception {
        return deliverBatch(mail, scenario, BATCH);
    }

    /** Puts {@code count} mails from as many clients into the mailbox; returns their subjects. */
    private static List<String> deliverBatch(TestMailServer mail, String scenario, int count) throws Exception {
        List<String> subjects = new java.util.ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String subject = "%s fault %03d".formatted(scenario, i);
            mail.deliver(Mails.simple("%s-%03d@client.example".formatted(scenario, i),
                    "client%03d@client.example".formatted(i), "support@test.mailtask", null, subject,
                    "Mail " + i + " of the " + scenario + " batch."));
            subjects.add(subject);
        }
        return subjects;
    }

    private static boolean allSeen(TestMailServer mail) throws Exception {
        List<Boolean> flags = mail.seenFlags("INBOX");
        return flags.size() == BATCH && !flags.contains(false);
    }

    /** Prints the scenario's line and asserts every mail became exactly one task. */
    private static void report(String scenario, List<String> subjects, List<String> titles) {
        Map<String, Long> tasksPerSubject = titles.stream().filter(subjects::contains)
                .collect(Collectors.groupingBy(Function.identity(), HashMap::new, Collectors.counting()));
        long tasks = tasksPerSubject.values().stream().mapToLong(Long::longValue).sum();
        long duplicates = tasks - tasksPerSubject.size();
        long lost = subjects.size() - tasksPerSubject.size();
        System.out.printf("faults: %s: mails %d, tasks %d, duplicates %d, lost %d%n", scenario, subjects.size(),
                tasks, duplicates, lost);
        assertThat(duplicates).as(scenario + ": duplicates").isZero();
        assertThat(lost).as(scenario + ": lost").isZero();
    }
}
