package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtask.intake.MessageRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure while creating the task (a bug, not the database) quarantines the mail through the routes'
 * error boundary, moves it to the Quarantine folder, and the mails behind it go on.
 */
class ErrorBoundaryTest {

    @TempDir
    Path dir;

    @Test
    void aFailureInsideTaskCreationQuarantinesTheMailAndTheNextOneStillWorks() throws Exception {
        try (TestMailServer mail = new TestMailServer();
                TestBundle bundle = TestBundle.start(TestBundle.settings(dir,
                        "jdbc:hsqldb:file:" + dir.resolve("db/mailtask"), TestBundle.imapAccount(mail, "200ms")))) {
            // Stand-in for a bug: the task-creation route throws for one particular mail.
            AdviceWith.adviceWith(bundle.camel(), "intake-create-task", route -> route.weaveAddFirst()
                    .filter(route.simple("${body.mail.subject} == 'Trigger the bug'"))
                    .throwException(new IllegalStateException("simulated bug in task creation")));

            mail.send(Mails.simple("bug-1@client.example", "olga@client.example", "support@test.mailtask", null,
                    "Trigger the bug", "x"), "support@test.mailtask");
            mail.send(Mails.simple("bug-2@client.example", "olga@client.example", "support@test.mailtask", null,
                    "Right behind it", "y"), "support@test.mailtask");

            await().atMost(Duration.ofSeconds(20)).until(() -> bundle.titles().contains("Right behind it"));
            MessageRecord record = await().atMost(Duration.ofSeconds(20))
                    .until(() -> bundle.record("bug-1@client.example"), Optional::isPresent).orElseThrow();
            JsonNode message = bundle.json("/api/messages/" + record.id());
            assertThat(message.get("status").asText()).isEqualTo("QUARANTINED");
            assertThat(message.get("decision").asText()).isEqualTo("quarantined: processing failed");
            assertThat(message.get("error").asText()).contains("simulated bug in task creation");
            assertThat(bundle.titles()).doesNotContain("Trigger the bug");
            await().atMost(Duration.ofSeconds(20)).until(() -> mail.seenFlags("Quarantine").size() == 1);
            assertThat(mail.seenFlags("INBOX")).containsExactly(true);
        }
    }

}
