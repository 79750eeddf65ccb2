package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The mailbox password and the API token appear in no log line and in no API answer of a full run. */
class SecretsTest {

    @TempDir
    Path dir;

    @Test
    void secretsNeverReachLogsOrTheApi() throws Exception {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(logging);
        captured.start();
        root.addAppender(captured);
        try (TestMailServer mail = new TestMailServer()) {
            Map<String, String> settings = TestBundle.settings(dir, "jdbc:hsqldb:file:" + dir.resolve("db/mailtask"),
                    TestBundle.imapAccount(mail, "200ms"));
            StringBuilder answers = new StringBuilder();
            try (TestBundle bundle = TestBundle.start(settings)) {
                mail.send(Mails.simple("sec-1@client.example", "Mo <mo@client.example>", "support@test.mailtask", null,
                        "Secret test", "x"), "support@test.mailtask");
                long id = bundle.awaitTask("Secret test").get("id").asLong();
                for (String path : new String[] {"/api/tasks/" + id, "/api/employees", "/api/projects", "/api/rules",
                        "/api/outbox", "/api/virtual-addresses", "/api/contacts"}) {
                    answers.append(new String(bundle.get(path).body(), StandardCharsets.UTF_8));
                }
                answers.append(new String(bundle.get("/api/tasks", "wrong-token").body(), StandardCharsets.UTF_8));
            }
            assertThat(answers).doesNotContain(TestMailServer.PASSWORD).doesNotContain(TestBundle.TOKEN);
            assertThat(captured.list).isNotEmpty();
            for (ILoggingEvent event : captured.list) {
                String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                        : event.getThrowableProxy().getMessage());
                assertThat(line).doesNotContain(TestMailServer.PASSWORD).doesNotContain(TestBundle.TOKEN);
            }
        } finally {
            root.detachAppender(captured);
        }
    }
}
