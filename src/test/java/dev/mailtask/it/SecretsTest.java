package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The mailbox password, the configured API token and a token made over the API appear in no log line and in no
 * API answer of a full run (a made token is shown once, in the answer that makes it).
 */
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
            Map<String, String> settings = TestBundle.imapSettings(dir, mail);
            StringBuilder answers = new StringBuilder();
            String agentToken;
            try (TestBundle bundle = TestBundle.start(settings)) {
                mail.send(Mails.simple("sec-1@client.example", "Mo <mo@client.example>", "support@test.mailtask", null,
                        "Secret test", "x"), "support@test.mailtask");
                long id = bundle.awaitTask("Secret test").get("id").asLong();
                // A created token is in its create answer only (not collected below), and is then used and revoked.
                JsonNode created = bundle.call("POST", "/api/tokens", "{\"name\":\"desk\",\"role\":\"agent\"}", 201);
                agentToken = created.get("token").asText();
                answers.append(new String(bundle.call("POST", "/api/tasks/" + id + "/comments",
                        "{\"author\":\"alice\",\"text\":\"On it.\"}", agentToken).body(), StandardCharsets.UTF_8));
                answers.append(new String(bundle.get("/api/employees", agentToken).body(), StandardCharsets.UTF_8));
                for (String path : new String[] {"/api/tasks/" + id, "/api/employees", "/api/projects", "/api/rules",
                        "/api/outbox", "/api/virtual-addresses", "/api/contacts", "/api/tokens"}) {
                    answers.append(new String(bundle.get(path).body(), StandardCharsets.UTF_8));
                }
                answers.append(new String(bundle.get("/api/tasks", "wrong-token").body(), StandardCharsets.UTF_8));
                bundle.call("DELETE", "/api/tokens/" + created.get("id").asLong(), null, 204);
                answers.append(new String(bundle.get("/api/tasks", agentToken).body(), StandardCharsets.UTF_8));
            }
            // The token's random part: the short prefix shown in lists and logs is not secret.
            String agentSecret = agentToken.substring(9);
            assertThat(answers).contains("On it.").contains("desk")
                    .doesNotContain(TestMailServer.PASSWORD).doesNotContain(TestBundle.TOKEN).doesNotContain(agentSecret);
            assertThat(captured.list).isNotEmpty();
            for (ILoggingEvent event : captured.list) {
                String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                        : event.getThrowableProxy().getMessage());
                assertThat(line).doesNotContain(TestMailServer.PASSWORD).doesNotContain(TestBundle.TOKEN)
                        .doesNotContain(agentSecret);
            }
        } finally {
            root.detachAppender(captured);
        }
    }
}
