package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailtask.mail.CorpusRobustnessTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every message of the shared corpus through the whole pipeline: delivered to the catch-all mailbox (as a
 * forwarding server would, with Delivered-To), polled over IMAP, decided and written. Nothing may be left
 * behind, and every quarantined mail must say why. Skipped when ../shared/corpus is absent.
 */
class CorpusPipelineTest {

    @TempDir
    Path dir;

    @Test
    void everyCorpusMailIsProcessedAndNoneIsStuck() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("../shared/corpus")), "../shared/corpus is absent");
        List<Path> files = CorpusRobustnessTest.messages();
        try (TestMailServer mail = new TestMailServer()) {
            int delivered = 0;
            int refusedByTestServer = 0;
            for (Path f : files) {
                byte[] raw = Files.readAllBytes(f);
                byte[] addressed = concat("Delivered-To: support@test.mailtask\r\n".getBytes(StandardCharsets.US_ASCII),
                        raw);
                try {
                    mail.deliver(addressed);
                    delivered++;
                } catch (Exception e) {
                    refusedByTestServer++; // the test server's own parser gave up on it: not ours to judge
                }
            }
            // Processed mail is deleted from the server, so "stuck" is simply what is left in the inbox.
            Map<String, String> settings = TestBundle.settings(dir, "jdbc:hsqldb:file:" + dir.resolve("db/mailtask"),
                    TestBundle.imapAccount(mail, "100ms").replace("    default: true\n",
                            "    default: true\n    deleteAfterProcessing: true\n"));
            try (TestBundle bundle = TestBundle.start(settings)) {
                // The bundle expunges while we look: a message can vanish under our read, so look again.
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> mail.seenFlags("INBOX").isEmpty());
                Map<String, Long> byStatus = bundle.database().inTransaction(s -> {
                    Map<String, Long> m = new java.util.TreeMap<>();
                    for (Object[] row : s.createSelectionQuery("select m.status, count(m) from MessageRecord m"
                            + " group by m.status", Object[].class).getResultList()) {
                        m.put(row[0].toString(), (Long) row[1]);
                    }
                    return m;
                });
                long tasks = bundle.taskCount();
                long comments = bundle.database().inTransaction(s -> s.createSelectionQuery(
                        "select count(m) from MessageRecord m where m.commentId is not null", Long.class)
                        .getSingleResult());
                long records = byStatus.values().stream().mapToLong(Long::longValue).sum();
                long unexplained = bundle.database().inTransaction(s -> s.createSelectionQuery(
                        "select count(m) from MessageRecord m where m.status = dev.mailtask.intake.MessageStatus"
                                + ".QUARANTINED and (m.error is null or m.error = '')", Long.class).getSingleResult());
                long lists = bundle.database().inTransaction(s -> s.createSelectionQuery(
                        "select count(m) from MessageRecord m where m.decision like 'ignored: list mail%'"
                                + " or m.decision like 'ignored: bulk mail%'", Long.class).getSingleResult());
                int stuck = mail.seenFlags("INBOX").size();
                System.out.printf("corpus pipeline: %d in, %d tasks, %d comments, %d ignored (auto/bounce/list; %d"
                                + " of them list or bulk mail), %d quarantined, %d rejected, %d duplicates (the same"
                                + " mail again), %d without a record, %d stuck%n", delivered, tasks, comments,
                        byStatus.getOrDefault("IGNORED", 0L), lists, byStatus.getOrDefault("QUARANTINED", 0L),
                        byStatus.getOrDefault("REJECTED", 0L), byStatus.getOrDefault("DUPLICATE", 0L),
                        delivered - records, stuck);
                bundle.database().inTransaction(s -> s.createSelectionQuery("select m.decision, count(m) from"
                                + " MessageRecord m where m.status = dev.mailtask.intake.MessageStatus.QUARANTINED"
                                + " group by m.decision order by count(m) desc", Object[].class).setMaxResults(10)
                        .getResultList()).forEach(r -> System.out.printf("corpus pipeline: quarantined %d× %s%n",
                        (Long) r[1], r[0]));
                System.out.printf("corpus pipeline: %d files the test mail server itself could not take%n",
                        refusedByTestServer);
                assertThat(delivered).as("the corpus went in").isGreaterThan(1000);
                assertThat(tasks).as("ordinary mail became tasks").isPositive();
                assertThat(stuck).isZero();
                assertThat(unexplained).as("every quarantined mail has a reason").isZero();
                assertThat(records).as("every mail acknowledged leaves a record").isEqualTo(delivered);
            }
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
