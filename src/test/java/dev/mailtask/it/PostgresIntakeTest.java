package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production database: the same migrations and intake on PostgreSQL. Runs when
 * {@code MAILTASK_TEST_POSTGRES_URL} (and {@code _USER}, {@code _PASSWORD}) name an empty database.
 */
class PostgresIntakeTest {

    @TempDir
    Path dir;

    @Test
    void mailBecomesATaskOnPostgres() throws Exception {
        String url = System.getenv("MAILTASK_TEST_POSTGRES_URL");
        assumeTrue(url != null && !url.isBlank(), "MAILTASK_TEST_POSTGRES_URL not set");
        try (TestMailServer mail = new TestMailServer()) {
            Map<String, String> settings = TestBundle.settings(dir, url, TestBundle.imapAccount(mail, "200ms"));
            settings.put("mailtask.db.user", System.getenv().getOrDefault("MAILTASK_TEST_POSTGRES_USER", "mailtask"));
            settings.put("mailtask.db.password",
                    System.getenv().getOrDefault("MAILTASK_TEST_POSTGRES_PASSWORD", "mailtask"));
            try (TestBundle bundle = TestBundle.start(settings)) {
                byte[] file = "Счёт № 42".getBytes(StandardCharsets.UTF_8);
                mail.send(Mails.withAttachment("pg-1@client.example", "Пётр <petr@client.example>",
                        "support@test.mailtask", "Dave <dave@client.example>", "Счёт на оплату", "Добрый день",
                        "счёт.txt", file), "support@test.mailtask");
                long id = await().atMost(Duration.ofSeconds(20)).until(() -> bundle.json("/api/tasks").get("items"),
                        items -> items.size() > 0).get(0).get("id").asLong();
                JsonNode task = bundle.json("/api/tasks/" + id);
                assertThat(task.get("title").asText()).isEqualTo("Счёт на оплату");
                assertThat(task.get("assigner").get("name").asText()).isEqualTo("Пётр");
                assertThat(bundle.get(task.get("attachments").get(0).get("href").asText()).body()).isEqualTo(file);
                assertThat(bundle.get("/api/messages/1/raw").statusCode()).isEqualTo(200);
            }
        }
    }
}
