package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.hsqldb.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While the database is down, mail stays on the server; once it is back, each mail becomes one task. */
class DatabaseOutageTest {

    @TempDir
    Path dir;

    @Test
    void mailArrivingWhileTheDatabaseIsDownIsProcessedOnceItIsBack() throws Exception {
        int dbPort = TestBundle.freePort();
        Server database = DatabaseServer.start(dir, dbPort);
        try (TestMailServer mail = new TestMailServer();
                TestBundle bundle = TestBundle.start(TestBundle.settings(dir,
                        "jdbc:hsqldb:hsql://127.0.0.1:" + dbPort + "/mailtask", TestBundle.imapAccount(mail, "200ms")))) {
            mail.send(Mails.simple("before-outage@client.example", "lea@client.example", "support@test.mailtask",
                    null, "Before the outage", "x"), "support@test.mailtask");
            await().atMost(Duration.ofSeconds(20)).until(() -> bundle.titles().contains("Before the outage"));

            database.stop();
            NotifyBuilder failedPolls = new NotifyBuilder(bundle.camel()).fromRoute("mailbox-test-imap")
                    .whenFailed(2).create();
            mail.send(Mails.simple("during-outage@client.example", "max@client.example", "support@test.mailtask",
                    null, "During the outage", "y"), "support@test.mailtask");

            assertThat(failedPolls.matches(30, TimeUnit.SECONDS)).as("the mail was tried and failed twice").isTrue();
            var down = bundle.get("/api/tasks");
            assertThat(down.statusCode()).as("the API says: try again").isEqualTo(503);
            assertThat(new String(down.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("database is unavailable");
            assertThat(mail.seenFlags("INBOX")).as("first mail seen, second still unseen on the server")
                    .containsExactly(true, false);

            database = DatabaseServer.start(dir, dbPort);
            await().atMost(Duration.ofSeconds(30)).until(() -> mail.seenFlags("INBOX").equals(List.of(true, true)));
            assertThat(bundle.titles()).containsExactlyInAnyOrder("Before the outage", "During the outage");
        } finally {
            database.stop();
        }
    }
}
