package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every kind of address over a real mail server, and the address lifecycle over the REST API: a login change
 * moves the internal address at once; a deleted virtual address stops receiving; a new one works at once.
 */
class AddressKindsTest extends SharedImapBundle {

    @BeforeAll
    static void start() throws Exception {
        startShared(Map.of());
    }

    @Test
    void taskAddressesAddCommentsByTheSender() throws Exception {
        send("kinds-1", "paula@client.example", "support@test.mailtask", "Broken chair", "The chair broke.");
        JsonNode task = bundle.awaitTask("Broken chair");
        long number = task.get("number").asLong();

        send("kinds-2", "Quinn <quinn@client.example>", "task+" + number + "@test.mailtask", "Re: Broken chair",
                "Mine too.");
        send("kinds-3", "paula@client.example", "task." + number + "@test.mailtask", "any subject", "Any news?");

        long id = task.get("id").asLong();
        JsonNode withComments = await().atMost(Duration.ofSeconds(20)).until(
                () -> bundle.json("/api/tasks/" + id), t -> t.get("comments").size() == 2);
        assertThat(withComments.get("comments").findValuesAsText("text")).containsExactly("Mine too.",
                "Any news?");
        // Quinn takes no part in the task: held, unattributed, no participant, nobody told; Paula's is in
        JsonNode quinns = withComments.get("comments").get(0);
        assertThat(quinns.get("held").asBoolean()).isTrue();
        assertThat(quinns.get("sender").asText()).isEqualTo("quinn@client.example");
        assertThat(quinns.get("author").isNull()).isTrue();
        assertThat(withComments.get("comments").get(1).get("held").asBoolean()).isFalse();
        assertThat(withComments.get("participants").findValuesAsText("email")).doesNotContain("quinn@client.example");
        assertThat(bundle.awaitRecord("kinds-2@client.example").get("decision").asText())
                .contains("held comment", "quinn@client.example takes no part in task #" + number);

        // an employee lets it in: Quinn becomes its author and a participant
        bundle.call("POST", "/api/tasks/" + id + "/comments/" + quinns.get("id").asLong() + "/admit", "{}", 200);
        JsonNode admitted = bundle.json("/api/tasks/" + id);
        assertThat(admitted.get("comments").get(0).get("held").asBoolean()).isFalse();
        assertThat(admitted.get("comments").get(0).get("author").get("email").asText())
                .isEqualTo("quinn@client.example");
        assertThat(admitted.get("participants").findValuesAsText("email")).contains("quinn@client.example");
        bundle.call("POST", "/api/tasks/" + id + "/comments/" + quinns.get("id").asLong() + "/admit", "{}", 409);
        assertThat(bundle.titles()).as("no new task").filteredOn(t -> t.contains("chair") || t.equals("any subject"))
                .containsExactly("Broken chair");
    }

    @Test
    void taskSearchAddressFindsTheTaskByTitleElseMakesOne() throws Exception {
        send("kinds-4", "rita@client.example", "support@test.mailtask", "Printer jams on tray 3", "Jams.");
        JsonNode task = bundle.awaitTask("Printer jams on tray 3");

        send("kinds-5", "rita@client.example", "task+@test.mailtask", "More #jams on tray", "Again.");
        await().atMost(Duration.ofSeconds(20)).until(
                () -> bundle.json("/api/tasks/" + task.get("id").asLong()).get("comments").size() == 1);

        send("kinds-6", "rita@client.example", "task+@test.mailtask", "Toner #empty everywhere", "New one.");
        bundle.awaitTask("Toner empty everywhere");
    }

    @Test
    void taskAddressOfANonexistentTaskIsRejected() throws Exception {
        send("kinds-7", "sam@client.example", "task+999999@test.mailtask", "Lost", "?");
        assertThat(bundle.awaitRecord("kinds-7@client.example").get("status").asText()).isEqualTo("REJECTED");
    }

    @Test
    void noNotifyIsRemovedFromTheTitle() throws Exception {
        send("kinds-8", "tom@client.example", "support@test.mailtask", "Quiet request @nonotify", "Shh.");
        bundle.awaitTask("Quiet request");
    }

    @Test
    void loginChangeMovesTheInternalAddressAtOnce() throws Exception {
        JsonNode carl = bundle.call("POST", "/api/employees",
                "{\"login\":\"carl\",\"name\":\"Carl Clerk\",\"email\":\"carl@staff.example\"}", 201);
        assertThat(carl.get("internalAddresses").get(0).asText()).isEqualTo("carl@test.mailtask");

        send("login-1", "uma@client.example", "carl@test.mailtask", "For Carl", "x");
        assertThat(bundle.awaitTask("For Carl").get("assignees").findValuesAsText("email")).containsExactly("carl@staff.example");

        bundle.call("PUT", "/api/employees/" + carl.get("id").asLong(), "{\"login\":\"carl2\"}", 200);
        send("login-2", "uma@client.example", "carl@test.mailtask", "To the old login", "x");
        send("login-3", "uma@client.example", "carl2@test.mailtask", "To the new login", "x");

        assertThat(bundle.awaitTask("To the new login").get("assignees").findValuesAsText("email"))
                .containsExactly("carl@staff.example");
        JsonNode old = bundle.awaitRecord("login-2@client.example");
        assertThat(old.get("status").asText()).isEqualTo("REJECTED");
        assertThat(old.get("decision").asText()).contains("carl@test.mailtask");
        assertThat(bundle.titles()).doesNotContain("To the old login");
    }

    @Test
    void deletedVirtualAddressStopsAndANewOneWorksAtOnce() throws Exception {
        JsonNode sales = bundle.call("POST", "/api/virtual-addresses",
                "{\"name\":\"sales\",\"description\":\"Sales desk\",\"projectNumber\":7}", 201);
        send("va-1", "vera@client.example", "sales@test.mailtask", "Quote please", "x");
        assertThat(bundle.awaitTask("Quote please").get("projectNumber").asInt()).isEqualTo(7);

        bundle.call("DELETE", "/api/virtual-addresses/" + sales.get("id").asLong(), null, 204);
        send("va-2", "vera@client.example", "sales@test.mailtask", "Quote again", "x");
        assertThat(bundle.awaitRecord("va-2@client.example").get("status").asText()).isEqualTo("REJECTED");

        bundle.call("POST", "/api/virtual-addresses", "{\"name\":\"deals\",\"projectNumber\":7}", 201);
        send("va-3", "vera@client.example", "deals@test.mailtask", "Deal", "x");
        assertThat(bundle.awaitTask("Deal").get("projectNumber").asInt()).isEqualTo(7);
    }

    @Test
    void aRejectedMailIsProcessedAgainOnceItsAddressExists() throws Exception {
        send("again-1", "wes@client.example", "newdesk@test.mailtask", "Before the desk existed", "x");
        JsonNode rejected = bundle.awaitRecord("again-1@client.example");
        assertThat(rejected.get("status").asText()).isEqualTo("REJECTED");

        bundle.call("POST", "/api/virtual-addresses", "{\"name\":\"newdesk\",\"projectNumber\":1}", 201);
        String path = "/api/messages/" + rejected.get("id").asLong() + "/reprocess";
        JsonNode outcome = bundle.call("POST", path, null, 200);

        assertThat(outcome.get("action").asText()).isEqualTo("CREATE_TASK");
        JsonNode task = bundle.json("/api/tasks/" + outcome.get("taskId").asLong());
        assertThat(task.get("title").asText()).isEqualTo("Before the desk existed");
        JsonNode record = bundle.json("/api/messages/" + rejected.get("id").asLong());
        assertThat(record.get("status").asText()).isEqualTo("PROCESSED");
        assertThat(record.get("taskId").asLong()).isEqualTo(task.get("id").asLong());
        assertThat(bundle.call("POST", path, null).statusCode()).as("processed already").isEqualTo(409);
        assertThat(bundle.call("POST", "/api/messages/999999/reprocess", null).statusCode()).isEqualTo(404);
    }

    @Test
    void senderOfUndeliverableMailIsToldWhenTheSettingIsOn() throws Exception {
        send("nd-0", "Oops <oops@client.example>", "formerstaff@test.mailtask", "Anyone?", "x");
        assertThat(bundle.awaitRecord("nd-0@client.example").get("status").asText()).isEqualTo("REJECTED");
        assertThat(bundle.outboxTo("oops@client.example")).as("off by default: no notice queued").isZero();
        assertThat(mail.inboxOf("oops@client.example")).as("off by default").isEmpty();
        bundle.camel().getRegistry().lookupByNameAndType("mailtaskIntake", dev.mailtask.intake.IntakeService.class)
                .setNotDeliveredNotice(true);
        try {
            send("nd-1", "Oops <oops@client.example>", "formerstaff@test.mailtask", "Hello?", "x");
            var notice = await().atMost(Duration.ofSeconds(20)).until(() -> mail.inboxOf("oops@client.example"),
                    inbox -> inbox.size() == 1).get(0);
            assertThat(notice.getSubject()).isEqualTo("Undeliverable: Hello?");
            assertThat(notice.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
            assertThat(bundle.awaitRecord("nd-1@client.example").get("status").asText()).isEqualTo("REJECTED");
        } finally {
            bundle.camel().getRegistry().lookupByNameAndType("mailtaskIntake", dev.mailtask.intake.IntakeService.class)
                    .setNotDeliveredNotice(false);
        }
    }

    @Test
    void directoryRequestsAreValidated() throws Exception {
        assertThat(bundle.call("POST", "/api/employees", "{\"login\":\"support\",\"name\":\"S\"}").statusCode())
                .as("a virtual address has that name").isEqualTo(409);
        assertThat(bundle.call("POST", "/api/employees", "{\"login\":\"alice\",\"name\":\"A\"}").statusCode())
                .isEqualTo(409);
        assertThat(bundle.call("POST", "/api/employees", "{\"login\":\"task\",\"name\":\"T\"}").statusCode())
                .isEqualTo(400);
        assertThat(bundle.call("POST", "/api/employees", "{\"login\":\"x y\",\"name\":\"T\"}").statusCode())
                .isEqualTo(400);
        assertThat(bundle.call("POST", "/api/employees", "not json").statusCode()).isEqualTo(400);
        assertThat(bundle.call("POST", "/api/employees", "{\"login\":\"z\",\"name\":\"Z\",\"colour\":1}")
                .statusCode()).isEqualTo(400);
        assertThat(bundle.call("PUT", "/api/employees/999999", "{\"name\":\"x\"}").statusCode()).isEqualTo(404);
        assertThat(bundle.call("POST", "/api/virtual-addresses", "{\"name\":\"bob\"}").statusCode())
                .as("an employee's login").isEqualTo(409);
        assertThat(bundle.call("POST", "/api/virtual-addresses", "{\"name\":\"x\",\"projectNumber\":99}")
                .statusCode()).isEqualTo(400);
        assertThat(bundle.call("DELETE", "/api/virtual-addresses/999999", null).statusCode()).isEqualTo(404);
        assertThat(bundle.json("/api/projects").findValuesAsText("name")).contains("Customer support", "Sales");
        JsonNode temp = bundle.call("POST", "/api/projects", "{\"number\":55,\"name\":\"Temp\"}", 201);
        assertThat(bundle.call("PUT", "/api/projects/" + temp.get("id").asLong(), "{\"name\":\"Temporary\"}", 200)
                .get("name").asText()).isEqualTo("Temporary");
        assertThat(bundle.call("POST", "/api/projects", "{\"number\":55,\"name\":\"Again\"}").statusCode())
                .isEqualTo(409);
        bundle.call("DELETE", "/api/projects/" + temp.get("id").asLong(), null, 204);
        long support = bundle.json("/api/projects").get(0).get("id").asLong();
        assertThat(bundle.call("DELETE", "/api/projects/" + support, null).statusCode())
                .as("project 1 has a virtual address").isEqualTo(409);
        long desk = bundle.json("/api/virtual-addresses").get(0).get("id").asLong();
        assertThat(bundle.call("PUT", "/api/virtual-addresses/" + desk, "{\"description\":\"Help desk\"}", 200)
                .get("description").asText()).isEqualTo("Help desk");
        assertThat(bundle.json("/api/virtual-addresses").findValuesAsText("name")).contains("support");
    }

    private static void send(String id, String from, String to, String subject, String body) throws Exception {
        mail.send(Mails.simple(id + "@client.example", from, to, null, subject, body), to.replaceAll(".*<|>", ""));
    }

}
