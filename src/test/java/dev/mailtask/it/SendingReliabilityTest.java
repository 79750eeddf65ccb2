package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailtask.demo.NoDelayGreenMail;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outgoing SMTP server is down when a comment is posted: the mail waits, is retried, and arrives once. */
class SendingReliabilityTest {

    @TempDir
    Path dir;

    @Test
    void mailWaitsWhileTheSmtpServerIsDownAndIsDeliveredOnceItIsUp() throws Exception {
        int smtpPort = TestBundle.freePort();
        int imapPort = TestBundle.freePort();
        try (TestMailServer mail = new TestMailServer()) {
            String accounts = TestBundle.imapAccount(mail, "200ms")
                    .replace("port: " + mail.smtpPort(), "port: " + smtpPort);
            Map<String, String> settings = TestBundle.settings(dir, "jdbc:hsqldb:file:" + dir.resolve("db/mailtask"),
                    accounts);
            settings.put("mailtask.outbox.period", "200");
            settings.put("mailtask.outbox.first-retry", "200");
            try (TestBundle bundle = TestBundle.start(settings)) {
                mail.send(Mails.simple("rel-1@client.example", "Hal <hal@client.example>", "support@test.mailtask",
                        null, "Heating off", "Cold."), "support@test.mailtask");
                long id = await().atMost(Duration.ofSeconds(20))
                        .until(() -> bundle.taskId("Heating off"), Optional::isPresent).get();
                bundle.call("POST", "/api/tasks/" + id + "/comments", """
                        {"author": "alice", "text": "Fixing it.", "notify": {"contacts": ["hal@client.example"]}}""",
                        201);

                JsonNode waiting = await().atMost(Duration.ofSeconds(20)).until(() -> delivery(bundle, id),
                        d -> d.get("attempts").asInt() >= 2);
                assertThat(waiting.get("status").asText()).isEqualTo("QUEUED");
                assertThat(waiting.get("lastError").asText()).contains("Connect");
                JsonNode queued = bundle.json("/api/outbox?status=queued").get("items").get(0);
                assertThat(queued.get("recipient").asText()).isEqualTo("hal@client.example");
                assertThat(queued.get("lastError").asText()).contains("Connect");
                assertThat(bundle.get("/api/outbox?status=lost").statusCode()).isEqualTo(400);

                NoDelayGreenMail smtp = new NoDelayGreenMail(new ServerSetup[] {
                        new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                        new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
                smtp.start();
                try {
                    await().atMost(Duration.ofSeconds(30)).until(
                            () -> delivery(bundle, id).get("status").asText().equals("SENT"));
                    smtp.setUser("hal@client.example", "hal@client.example", "pw");
                    assertThat(count(imapPort, "hal@client.example", "pw")).as("delivered exactly once").isEqualTo(1);
                } finally {
                    smtp.stop();
                }
            }
        }
    }

    @Test
    void mailQueuedBeforeAStopIsSentOnceAfterTheRestart() throws Exception {
        int smtpPort = TestBundle.freePort();
        int imapPort = TestBundle.freePort();
        try (TestMailServer mail = new TestMailServer()) {
            Map<String, String> settings = TestBundle.settings(dir, "jdbc:hsqldb:file:" + dir.resolve("db/mailtask"),
                    TestBundle.imapAccount(mail, "200ms").replace("port: " + mail.smtpPort(), "port: " + smtpPort));
            settings.put("mailtask.outbox.period", "200");
            settings.put("mailtask.outbox.first-retry", "200");
            long id;
            try (TestBundle bundle = TestBundle.start(settings)) {
                mail.send(Mails.simple("rst-1@client.example", "Ivo <ivo@client.example>", "support@test.mailtask",
                        null, "Gate jammed", "x"), "support@test.mailtask");
                id = bundle.awaitTask("Gate jammed").get("id").asLong();
                bundle.call("POST", "/api/tasks/" + id + "/comments", """
                        {"author": "bob", "text": "Coming.", "notify": {"contacts": ["ivo@client.example"]}}""", 201);
                long taskId = id;
                await().atMost(Duration.ofSeconds(20)).until(() -> delivery(bundle, taskId).get("attempts").asInt() >= 1);
            }
            NoDelayGreenMail smtp = new NoDelayGreenMail(new ServerSetup[] {
                    new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
            smtp.start();
            try (TestBundle restarted = TestBundle.start(settings)) {
                long taskId = id;
                await().atMost(Duration.ofSeconds(30)).until(
                        () -> delivery(restarted, taskId).get("status").asText().equals("SENT"));
                smtp.setUser("ivo@client.example", "ivo@client.example", "pw");
                assertThat(count(imapPort, "ivo@client.example", "pw")).as("sent once, after the restart").isEqualTo(1);
            } finally {
                smtp.stop();
            }
        }
    }

    private static JsonNode delivery(TestBundle bundle, long taskId) throws Exception {
        return bundle.json("/api/tasks/" + taskId).get("comments").get(0).get("deliveries").get(0);
    }

    private static int count(int imapPort, String user, String password) throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", imapPort, user, password);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            int n = inbox.getMessageCount();
            inbox.close(false);
            return n;
        }
    }
}
