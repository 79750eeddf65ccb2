package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may act by mail, over a real mail server: an employee's address speaks as the employee only with proof
 * (a trusted server's Authentication-Results, or an answer to our mail to that address); a stranger's mail
 * into a task is held, tells no one and makes no one a participant until an employee lets it in.
 */
class MailIdentityTest extends SharedImapBundle {

    private static final String TRUSTED = "mx.test.mailtask";

    @BeforeAll
    static void start() throws Exception {
        startShared(Map.of("mailtask.intake.trusted-authserv-ids", "  MX.test.mailtask , other.example"));
    }

    /** Mails queued to Bob so far (the tests share one bundle, so each counts what it adds). */
    private static long toBob() {
        return bundle.outboxTo("bob@staff.example");
    }

    /** A task for Bob (his internal address) from a client; its id and number. */
    private static long[] bobsTask(String id, String subject) throws Exception {
        send(id, "", "Paula <paula@client.example>", "bob@test.mailtask", subject, "Please help.");
        JsonNode task = bundle.awaitTask(subject);
        return new long[] {task.get("id").asLong(), task.get("number").asLong()};
    }

    private static void send(String id, String headers, String from, String to, String subject, String body)
            throws Exception {
        byte[] simple = Mails.simple(id + "@client.example", from, to, null, subject, body);
        mail.send((headers + new String(simple, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8), to);
    }

    private static JsonNode awaitComments(long taskId, int count) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> bundle.json("/api/tasks/" + taskId),
                t -> t.get("comments").size() == count).get("comments");
    }

    @Test
    void anEmployeesAddressWithoutProofDoesNotSpeakAsTheEmployee() throws Exception {
        long[] task = bobsTask("id-1", "Refund question");
        long told = toBob();
        send("id-2", "", "Alice Adams <alice@staff.example>", "task+" + task[1] + "@test.mailtask",
                "Re: Refund question", "Refund approved, please wire 5000 EUR.");

        JsonNode comment = awaitComments(task[0], 1).get(0);
        assertThat(comment.get("held").asBoolean()).isTrue();
        assertThat(comment.get("author").isNull()).isTrue();
        assertThat(comment.get("sender").asText()).isEqualTo("alice@staff.example");
        assertThat(bundle.awaitRecord("id-2@client.example").get("decision").asText())
                .contains("employee alice's address, not authenticated");
        assertThat(toBob() - told).as("Bob is not told of a held comment").isZero();
    }

    @Test
    void theSameMailAuthenticatedByOurServerIsTheEmployees() throws Exception {
        long[] task = bobsTask("id-3", "Invoice query");
        long told = toBob();
        send("id-4", "Authentication-Results: " + TRUSTED + "; spf=pass smtp.mailfrom=alice@staff.example;"
                        + " dkim=pass (2048-bit key) header.d=staff.example; dmarc=pass (p=reject) header.from=staff.example\r\n",
                "Alice Adams <alice@staff.example>", "task+" + task[1] + "@test.mailtask", "Re: Invoice query",
                "Checked, the invoice is right.");

        JsonNode comment = awaitComments(task[0], 1).get(0);
        assertThat(comment.get("held").asBoolean()).isFalse();
        assertThat(comment.get("author").get("email").asText()).isEqualTo("alice@staff.example");
        assertThat(toBob() - told).as("Bob, the assignee, is told").isEqualTo(1);
    }

    @Test
    void aForeignOrBuriedAuthenticationResultsCountsForNothing() throws Exception {
        long[] task = bobsTask("id-5", "Password reset");
        long told = toBob();
        // the attacker's own header, under another server's id
        send("id-6", "Authentication-Results: mx.attacker.example; dmarc=pass header.from=staff.example\r\n",
                "alice@staff.example", "task+" + task[1] + "@test.mailtask", "Re: Password reset", "Reset it to 1234.");
        // our server's header on top says none; the attacker's copy of our id below it says pass
        send("id-7", "Authentication-Results: " + TRUSTED + "; dmarc=none header.from=staff.example\r\n"
                        + "Authentication-Results: " + TRUSTED + "; dmarc=pass header.from=staff.example\r\n",
                "alice@staff.example", "task+" + task[1] + "@test.mailtask", "Re: Password reset", "Or to 4321.");

        JsonNode comments = awaitComments(task[0], 2);
        assertThat(comments.findValuesAsText("held")).containsOnly("true");
        assertThat(toBob() - told).isZero();
    }

    @Test
    void anUnprovenEmployeeAddressMakesATaskWithoutTheEmployeeAsItsAuthor() throws Exception {
        send("id-8", "", "Alice Adams <alice@staff.example>", "support@test.mailtask", "Pay invoice 77 today",
                "Urgent.");
        JsonNode task = bundle.awaitTask("Pay invoice 77 today");
        assertThat(task.get("assigner").isNull()).isTrue();
        assertThat(bundle.awaitRecord("id-8@client.example").get("decision").asText())
                .contains("not taken as the employee");
    }

    @Test
    void mailFromOneOfOurOwnAddressesThatWeDidNotSendMakesNoContact() throws Exception {
        send("id-16", "", "Support <support@test.mailtask>", "support@test.mailtask", "Your account is locked",
                "Click here.");
        JsonNode task = bundle.awaitTask("Your account is locked");
        assertThat(task.get("assigner").isNull()).isTrue();
        assertThat(bundle.json("/api/contacts?size=500").get("items").findValuesAsText("email"))
                .doesNotContain("support@test.mailtask");
        assertThat(bundle.awaitRecord("id-16@client.example").get("decision").asText())
                .contains("is one of our own addresses");
    }

    @Test
    void aParticipantWhoseDomainFailedDmarcIsHeldAsForged() throws Exception {
        long[] task = bobsTask("id-9", "Delivery address");
        send("id-10", "Authentication-Results: " + TRUSTED + "; dmarc=fail (p=reject) header.from=client.example\r\n",
                "Paula <paula@client.example>", "task+" + task[1] + "@test.mailtask", "Re: Delivery address",
                "Please ship to another address.");

        JsonNode comment = awaitComments(task[0], 1).get(0);
        assertThat(comment.get("held").asBoolean()).isTrue();
        assertThat(bundle.awaitRecord("id-10@client.example").get("decision").asText()).contains("forged");
    }

    @Test
    void aStrangerWithAStoredMessageIdIsHeldUntilAnEmployeeLetsThemIn() throws Exception {
        long[] task = bobsTask("id-11", "Server room too hot");
        long told = toBob();
        send("id-12", "In-Reply-To: <id-11@client.example>\r\nCc: Finn <finn@else.example>\r\n",
                "Eve <eve@else.example>", "support@test.mailtask", "Re: Server room too hot", "Open the window.");

        JsonNode comment = awaitComments(task[0], 1).get(0);
        assertThat(comment.get("held").asBoolean()).isTrue();
        JsonNode before = bundle.json("/api/tasks/" + task[0]);
        assertThat(before.get("participants").findValuesAsText("email")).doesNotContain("eve@else.example",
                "finn@else.example");
        assertThat(bundle.json("/api/contacts?size=500").get("items").findValuesAsText("email"))
                .as("no contact is made for a held stranger").doesNotContain("eve@else.example");
        assertThat(toBob() - told).isZero();

        bundle.call("POST", "/api/tasks/" + task[0] + "/comments/" + comment.get("id").asLong() + "/admit", "{}",
                200);
        JsonNode after = bundle.json("/api/tasks/" + task[0]);
        assertThat(after.get("participants").findValuesAsText("email")).contains("eve@else.example",
                "finn@else.example");
        assertThat(after.get("comments").get(0).get("author").get("email").asText()).isEqualTo("eve@else.example");
        assertThat(toBob() - told).as("told once let in").isEqualTo(1);

        // now a participant, her next mail goes straight in
        send("id-13", "In-Reply-To: <id-11@client.example>\r\n", "Eve <eve@else.example>", "support@test.mailtask",
                "Re: Server room too hot", "Window is open.");
        JsonNode comments = awaitComments(task[0], 2);
        assertThat(comments.get(1).get("held").asBoolean()).isFalse();
        bundle.call("POST", "/api/tasks/" + task[0] + "/comments/999999/admit", "{}", 404);
    }

    @Test
    void aProjectThatLetsStrangersInTakesTheirMail() throws Exception {
        long salesId = -1;
        for (JsonNode p : bundle.json("/api/projects")) {
            salesId = p.get("number").asInt() == 7 ? p.get("id").asLong() : salesId;
        }
        assertThat(salesId).isPositive();
        bundle.call("PUT", "/api/projects/" + salesId, "{\"strangerMail\": \"accept\"}", 200);
        try {
            send("id-14", "", "Paula <paula@client.example>", "project+7@test.mailtask", "Quote for chairs",
                    "How much?");
            long taskId = bundle.awaitTask("Quote for chairs").get("id").asLong();
            send("id-15", "In-Reply-To: <id-14@client.example>\r\n", "Gus <gus@else.example>",
                    "project+7@test.mailtask", "Re: Quote for chairs", "Me too, 40 chairs.");
            JsonNode comment = awaitComments(taskId, 1).get(0);
            assertThat(comment.get("held").asBoolean()).isFalse();
            assertThat(bundle.json("/api/tasks/" + taskId).get("participants").findValuesAsText("email"))
                    .contains("gus@else.example");
        } finally {
            bundle.call("PUT", "/api/projects/" + salesId, "{\"strangerMail\": null}", 200);
        }
    }
}
