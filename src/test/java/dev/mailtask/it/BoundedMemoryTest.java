package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtask.store.Sha256;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mails with a 25 MB attachment each go through the whole intake in a bundle whose heap is capped at 256 MB:
 * no OutOfMemoryError, every attachment stored byte for byte and downloadable.
 */
class BoundedMemoryTest {

    private static final int ATTACHMENT_BYTES = 25_000_000;
    private static final int MAILS = 3;

    @TempDir
    Path dir;

    @Test
    void mailsWithA25MegabyteAttachmentAreProcessedUnder256MegabytesOfHeap() throws Exception {
        try (TestMailServer mail = new TestMailServer()) {
            String[] digests = new String[MAILS];
            for (int i = 0; i < MAILS; i++) {
                byte[] content = new byte[ATTACHMENT_BYTES];
                new Random(i).nextBytes(content);
                digests[i] = Sha256.hex(content);
                mail.deliver(Mails.withAttachment("big-" + i + "@client.example", "client@client.example",
                        "support@test.mailtask", null, "Big scan " + i, "See the scan.", "scan-" + i + ".bin", content));
            }
            Map<String, String> settings = TestBundle.imapSettings(dir, mail);
            try (ChildBundle bundle = ChildBundle.start(dir, settings, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError")) {
                try {
                    await().atMost(Duration.ofSeconds(120)).until(() -> !bundle.alive()
                            || mail.seenFlags("INBOX").equals(List.of(true, true, true)));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("not all mails processed; the bundle's log ends with:\n"
                            + bundle.logTail(), e);
                }
                assertThat(bundle.alive()).as("bundle alive; its log ends with:\n%s", bundle.logTail()).isTrue();
                assertThat(bundle.log()).doesNotContain("OutOfMemoryError");

                for (int i = 0; i < MAILS; i++) {
                    String title = "Big scan " + i;
                    long id = bundle.json("/api/tasks?size=500").get("items").findParents("title").stream()
                            .filter(t -> t.get("title").asText().equals(title)).findFirst().orElseThrow()
                            .get("id").asLong();
                    JsonNode attachment = bundle.json("/api/tasks/" + id).get("attachments").get(0);
                    assertThat(attachment.get("fileName").asText()).isEqualTo("scan-" + i + ".bin");
                    assertThat(attachment.get("size").asLong()).isEqualTo(ATTACHMENT_BYTES);
                    assertThat(attachment.get("sha256").asText()).isEqualTo(digests[i]);
                    assertThat(bundle.downloadSha256(attachment.get("href").asText())).as("downloaded bytes")
                            .isEqualTo(digests[i]);
                }
                System.out.printf("bounded memory: %d mails with a %d-byte attachment under -Xmx256m, all stored%n",
                        MAILS, ATTACHMENT_BYTES);
            }
        }
    }
}
