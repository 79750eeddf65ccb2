package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of config/rules/support.yaml (the shipped example) steering real mail, plus rules over REST. */
class RulesIntakeTest extends SharedImapBundle {

    static Path rulesDir;

    @BeforeAll
    static void start() throws Exception {
        rulesDir = Files.createDirectories(dir.resolve("rules"));
        Files.copy(Path.of("config/rules/support.yaml"), rulesDir.resolve("support.yaml"));
        startShared(Map.of("mailtask.rules.dir", rulesDir.toString(), "mailtask.rules.reload-period", "200"));
    }

    @Test
    void invoiceRuleTitlesAssignsAndExplainsItself() throws Exception {
        send("inv-1", "Zoe <zoe@client.example>", "support@test.mailtask", null, "Invoice INV-2024-117 is overdue",
                "Please check.");
        JsonNode task = bundle.awaitTask("Invoice INV-2024-117: Invoice INV-2024-117 is overdue");
        assertThat(task.get("assignees").findValuesAsText("email")).containsExactly("bob@staff.example");
        assertThat(task.get("description").asText())
                .startsWith("Billing question from Zoe about invoice INV-2024-117.\n\nPlease check.");

        JsonNode message = bundle.awaitRecord("inv-1@client.example");
        JsonNode trace = message.get("trace").get(0);
        assertThat(trace.get("address").asText()).isEqualTo("support");
        assertThat(trace.get("why").asText()).contains("Invoices");
    }

    @Test
    void automaticMailIsIgnoredByTheRulesAndUrgentMailGetsAlice() throws Exception {
        byte[] bulk = ("Precedence: bulk\r\n" + new String(Mails.simple("bulk-1@news.example", "news@news.example",
                "support@test.mailtask", null, "Our November offers", "Buy"), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        mail.send(bulk, "support@test.mailtask");
        send("urgent-1", "amy@client.example", "support@test.mailtask", null, "URGENT: server down", "Help");

        JsonNode urgent = bundle.awaitTask("URGENT: server down");
        assertThat(urgent.get("assignees").findValuesAsText("email")).containsExactly("alice@staff.example");
        assertThat(urgent.get("participants").findValuesAsText("email")).contains("bob@staff.example");
        JsonNode ignored = bundle.awaitRecord("bulk-1@news.example");
        assertThat(ignored.get("status").asText()).isEqualTo("IGNORED");
        // Bulk mail is ignored before any rule sees it (product §5); the rule would have ignored it too.
        assertThat(ignored.get("decision").asText()).startsWith("ignored: bulk mail (Precedence: bulk)");
    }

    @Test
    void ruleFileChangesApplyWithoutRestartAndABadFileKeepsTheOldRules() throws Exception {
        Files.writeString(rulesDir.resolve("sales.yaml"), """
                address: project+7
                rules:
                  - name: Leads only
                    conditions:
                      - {field: subject, op: starts with, value: "lead:"}
                    action: contact only
                default:
                  action: create task
                """);
        await().atMost(Duration.ofSeconds(20)).until(() -> bundle.json("/api/rules").get("ruleSets")
                .findValuesAsText("address").contains("project+7"));
        send("lead-1", "Ben <ben@lead.example>", "project+7@test.mailtask", null, "Lead: 40 chairs", "x");
        JsonNode lead = bundle.awaitRecord("lead-1@client.example");
        assertThat(lead.get("status").asText()).isEqualTo("PROCESSED");
        assertThat(lead.get("taskId").isNull()).isTrue();
        assertThat(lead.get("decision").asText()).contains("contact ben@lead.example");

        Files.writeString(rulesDir.resolve("sales.yaml"), """
                address: project+7
                rules:
                  - name: Broken
                    conditions:
                      - {field: subject, op: regex, value: "(unclosed"}
                    action: ignore
                """);
        JsonNode rejected = await().atMost(Duration.ofSeconds(20)).until(
                () -> bundle.json("/api/rules").get("rejectedFiles"), files -> files.size() == 1).get(0);
        assertThat(rejected.get("file").asText()).endsWith("sales.yaml");
        assertThat(rejected.get("line").asInt()).isEqualTo(5);
        send("lead-2", "Cid <cid@lead.example>", "project+7@test.mailtask", null, "Lead: 12 desks", "x");
        assertThat(bundle.awaitRecord("lead-2@client.example").get("decision").asText()).as("the old rules still apply")
                .contains("contact cid@lead.example");
    }

    @Test
    void rulesManagedOverRestAreValidatedStoredAndUsed() throws Exception {
        String yaml = """
                address: bob
                rules:
                  - name: No newsletters for Bob
                    conditions:
                      - {field: subject, op: contains, value: newsletter}
                    action: ignore
                default:
                  action: create task
                """;
        assertThat(bundle.call("PUT", "/api/rules/bob", yaml.replace("op: contains", "op: resembles")).statusCode())
                .isEqualTo(400);
        assertThat(new String(bundle.call("PUT", "/api/rules/bob", "address: bob\nrulez: []\n").body(),
                StandardCharsets.UTF_8)).contains(":2").contains("rulez");
        assertThat(bundle.call("PUT", "/api/rules/support", yaml.replace("bob", "support")).statusCode())
                .as("file rules are read-only over REST").isEqualTo(409);
        JsonNode stored = bundle.call("PUT", "/api/rules/bob", yaml, 200);
        assertThat(stored.get("rules").asInt()).isEqualTo(1);
        assertThat(new String(bundle.get("/api/rules/bob").body(), StandardCharsets.UTF_8)).isEqualTo(yaml);

        send("bob-1", "dan@client.example", "bob@test.mailtask", null, "Weekly newsletter", "x");
        send("bob-2", "dan@client.example", "bob@test.mailtask", null, "Real question for Bob", "x");
        bundle.awaitTask("Real question for Bob");
        assertThat(bundle.awaitRecord("bob-1@client.example").get("status").asText()).isEqualTo("IGNORED");

        bundle.call("DELETE", "/api/rules/bob", null, 204);
        assertThat(bundle.json("/api/rules").get("ruleSets").findValuesAsText("address")).doesNotContain("bob");
    }

    @Test
    void dryRunExplainsWithoutWriting() throws Exception {
        byte[] raw = Mails.simple("dry-1@client.example", "Eve <eve@client.example>", "support@test.mailtask", null,
                "Invoice INV-9 question", "Invoice number: INV-9");
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(bundle.baseUrl() + "/api/rules/dry-run"))
                .header("Authorization", "Bearer " + TestBundle.TOKEN)
                .header("Content-Type", "message/rfc822")
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode dry = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        assertThat(dry.get("action").asText()).isEqualTo("CREATE_TASK");
        assertThat(dry.get("title").asText()).isEqualTo("Invoice INV-9: Invoice INV-9 question");
        assertThat(dry.get("settings").get("assignees").get(0).asText()).isEqualTo("bob");
        assertThat(dry.get("traces").get(0).get("rules").findValuesAsText("name")).contains("Invoices", "Urgent");
        assertThat(bundle.titles()).doesNotContain("Invoice INV-9: Invoice INV-9 question");
        assertThat(bundle.call("POST", "/api/rules/dry-run", null).statusCode()).isEqualTo(400);
    }

    @Test
    void mailToTwoAddressesMakesOneTaskWithBothApplied() throws Exception {
        send("two-1", "fay@client.example", "support@test.mailtask", "alice@test.mailtask",
                "Invoice INV-77 and a question for Alice", "x");
        JsonNode task = bundle.awaitTask("Invoice INV-77: Invoice INV-77 and a question for Alice");
        // both envelope copies land in the catch-all mailbox: count only once every copy has been read
        await().atMost(Duration.ofSeconds(20)).until(() -> !mail.seenFlags("INBOX").contains(false));
        assertThat(task.get("assignees").findValuesAsText("email")).containsExactlyInAnyOrder("bob@staff.example",
                "alice@staff.example");
        assertThat(bundle.titles().stream().filter(t -> t.contains("INV-77"))).hasSize(1);
    }

    private static void send(String id, String from, String to, String cc, String subject, String body)
            throws Exception {
        String[] rcpt = cc == null ? new String[] {to} : new String[] {to, cc};
        mail.send(Mails.simple(id + "@client.example", from, to, cc, subject, body), rcpt);
    }

}
