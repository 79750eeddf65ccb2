package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same mail polled again — after a restart, over POP3, with lost flags — never makes a second task. */
class RestartAndPop3Test {

    @TempDir
    Path dir;

    @Test
    void pop3MailBecomesTasksAndARestartThatPollsThemAgainMakesNoDuplicates() throws Exception {
        try (TestMailServer mail = new TestMailServer()) {
            // Keep mail on the POP3 server, so every poll and the restart see the same mails again.
            Map<String, String> settings = TestBundle.settings(dir, "jdbc:hsqldb:file:" + dir.resolve("db/mailtask"),
                    TestBundle.pop3Account(mail, false));
            mail.send(Mails.simple("pop-1@client.example", "ivy@client.example", "support@test.mailtask", null,
                    "First over POP3", "one"), "support@test.mailtask");
            mail.send(Mails.simple(null, "jack@client.example", "alice@test.mailtask", null,
                    "Second over POP3, no Message-ID", "two"), "alice@test.mailtask");

            try (TestBundle bundle = TestBundle.start(settings)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> bundle.titles().size() == 2);
                assertThat(bundle.titles()).containsExactlyInAnyOrder("First over POP3",
                        "Second over POP3, no Message-ID");
            }

            try (TestBundle restarted = TestBundle.startLater(settings)) {
                NotifyBuilder duplicates = new NotifyBuilder(restarted.camel()).fromRoute("mailbox-test-pop3")
                        .wereSentTo("direct:intake-duplicate")
                        .whenDone(4).create();
                restarted.startNow();
                assertThat(duplicates.matches(20, TimeUnit.SECONDS)).as("both mails polled again, twice").isTrue();
                assertThat(restarted.titles()).hasSize(2);
            }
        }
    }

    @Test
    void imapMailWhoseSeenFlagIsLostIsNotTurnedIntoASecondTaskAfterRestart() throws Exception {
        try (TestMailServer mail = new TestMailServer()) {
            Map<String, String> settings = TestBundle.imapSettings(dir, mail);
            mail.send(Mails.simple("imap-restart@client.example", "kim@client.example", "support@test.mailtask",
                    null, "Before the restart", "x"), "support@test.mailtask");
            try (TestBundle bundle = TestBundle.start(settings)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> bundle.titles().size() == 1);
                await().atMost(Duration.ofSeconds(20)).until(() -> mail.seenFlags("INBOX").equals(List.of(true)));
            }
            // As if the bundle had crashed between its commit and the server's SEEN flag.
            mail.markAllUnseen();
            try (TestBundle restarted = TestBundle.start(settings)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> mail.seenFlags("INBOX").equals(List.of(true)));
                assertThat(restarted.titles()).containsExactly("Before the restart");
            }
        }
    }

}
