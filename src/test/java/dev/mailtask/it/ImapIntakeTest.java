package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtask.intake.MessageRecord;
import dev.mailtask.intake.MessageStatus;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mail polled over IMAP from a real mail server becomes tasks; the read API shows them. */
class ImapIntakeTest extends SharedImapBundle {

    @BeforeAll
    static void start() throws Exception {
        startShared(Map.of());
    }

    @Test
    void mailToVirtualAddressBecomesTaskWithContactParticipantsAndAttachment() throws Exception {
        byte[] pdf = "%PDF-1.4 pretend invoice".getBytes(StandardCharsets.US_ASCII);
        mail.send(Mails.withAttachment("printer-1@client.example", "Carol Client <Carol@Client.example>",
                "support@test.mailtask", "Dave Dev <dave@client.example>, Bob <bob@staff.example>",
                "Re: Printer is on fire", "Hello,\nthe printer is on fire.\nCarol", "invoice.pdf", pdf),
                "support@test.mailtask", "dave@client.example", "bob@staff.example");

        JsonNode task = bundle.awaitTask("Printer is on fire");
        assertThat(task.get("description").asText()).contains("the printer is on fire.");
        assertThat(task.get("projectNumber").asInt()).isEqualTo(1);
        assertThat(task.get("accountId").asText()).isEqualTo("test-imap");
        assertThat(task.get("assigner").get("kind").asText()).isEqualTo("contact");
        assertThat(task.get("assigner").get("name").asText()).isEqualTo("Carol Client");
        assertThat(task.get("assigner").get("email").asText()).isEqualTo("carol@client.example");
        assertThat(emails(task.get("participants"))).containsExactlyInAnyOrder("dave@client.example",
                "bob@staff.example");
        assertThat(task.get("participants").findValuesAsText("kind")).containsExactlyInAnyOrder("contact",
                "employee");

        JsonNode attachment = task.get("attachments").get(0);
        assertThat(attachment.get("fileName").asText()).isEqualTo("invoice.pdf");
        assertThat(attachment.get("size").asLong()).isEqualTo(pdf.length);
        HttpResponse<byte[]> download = bundle.get(attachment.get("href").asText());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(pdf);
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                v -> assertThat(v).contains("invoice.pdf"));

        JsonNode contacts = bundle.json("/api/contacts?size=500");
        assertThat(emails(contacts.get("items"))).contains("carol@client.example", "dave@client.example")
                .doesNotContain("bob@staff.example");

        MessageRecord record = bundle.record("printer-1@client.example").orElseThrow();
        JsonNode message = bundle.json("/api/messages/" + record.id());
        assertThat(message.get("status").asText()).isEqualTo("PROCESSED");
        assertThat(message.get("decision").asText()).contains("virtual address support@test.mailtask");
        assertThat(message.get("taskId").asLong()).isEqualTo(task.get("id").asLong());
        JsonNode trace = message.get("trace").get(0);
        assertThat(trace.get("address").asText()).as("no rule file here: the default rule, traced").isEqualTo("support");
        assertThat(trace.get("defaultUsed").asBoolean()).isTrue();
        HttpResponse<byte[]> raw = bundle.get("/api/messages/" + record.id() + "/raw");
        assertThat(new String(raw.body(), StandardCharsets.UTF_8)).contains("Message-ID: <printer-1@client.example>");
    }

    @Test
    void mailToEmployeeAddressIsAssignedToThatEmployee() throws Exception {
        mail.send(Mails.simple("alice-1@client.example", "erin@client.example", "Alice <alice@test.mailtask>", null,
                "Call me back", "Please call."), "alice@test.mailtask");

        JsonNode task = bundle.awaitTask("Call me back");
        assertThat(task.get("assignees").findValuesAsText("email")).containsExactly("alice@staff.example");
        assertThat(task.get("projectNumber").isNull()).isTrue();
    }

    @Test
    void mailToProjectAddressGoesToThatProject() throws Exception {
        mail.send(Mails.simple("project-7@client.example", "frank@client.example", "project+7@test.mailtask", null,
                "Quote for 40 chairs", "How much?"), "project+7@test.mailtask");

        JsonNode task = bundle.awaitTask("Quote for 40 chairs");
        assertThat(task.get("projectNumber").asInt()).isEqualTo(7);
        assertThat(task.get("projectName").asText()).isEqualTo("Sales");
    }

    @Test
    void mailToUnknownAddressIsRejectedWithoutTaskOrContact() throws Exception {
        mail.send(Mails.simple("nobody-1@spam.example", "spammer@spam.example", "oldlogin@test.mailtask", null,
                "Cheap watches", "Buy now"), "oldlogin@test.mailtask");

        MessageRecord record = await().atMost(Duration.ofSeconds(20))
                .until(() -> bundle.record("nobody-1@spam.example"), Optional::isPresent).orElseThrow();
        JsonNode message = bundle.json("/api/messages/" + record.id());
        assertThat(message.get("status").asText()).isEqualTo("REJECTED");
        assertThat(message.get("decision").asText()).contains("oldlogin@test.mailtask");
        assertThat(message.get("taskId").isNull()).isTrue();
        assertThat(bundle.titles()).doesNotContain("Cheap watches");
        assertThat(emails(bundle.json("/api/contacts?size=500").get("items"))).doesNotContain("spammer@spam.example");
    }

    @Test
    void autoRepliesAndBouncesAreRecordedButMakeNoTask() throws Exception {
        byte[] outOfOffice = ("Auto-Submitted: auto-replied\r\n" + new String(Mails.simple("ooo-1@client.example",
                "yara@client.example", "support@test.mailtask", null, "Automatic reply: Printer",
                "I am out of the office until Monday."), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        String dsn = "From: Mail Delivery System <MAILER-DAEMON@mx.client.example>\r\n"
                + "To: support@test.mailtask\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n"
                + "Message-ID: <dsn-1@mx.client.example>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n\r\n"
                + "--r\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
                + "--r\r\nContent-Type: message/delivery-status\r\n\r\n"
                + "Reporting-MTA: dns; mx.client.example\r\n\r\n"
                + "Final-Recipient: rfc822; gone@client.example\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 <gone@client.example>: Recipient address rejected\r\n"
                + "--r\r\nContent-Type: text/rfc822-headers\r\n\r\n"
                + "Message-ID: <ours-1@test.mailtask>\r\nSubject: [#1] Printer\r\n"
                + "--r--\r\n";
        mail.send(outOfOffice, "support@test.mailtask");
        mail.send(dsn.getBytes(StandardCharsets.US_ASCII), "support@test.mailtask");

        MessageRecord ooo = await().atMost(Duration.ofSeconds(20))
                .until(() -> bundle.record("ooo-1@client.example"), Optional::isPresent).orElseThrow();
        MessageRecord bounce = await().atMost(Duration.ofSeconds(20))
                .until(() -> bundle.record("dsn-1@mx.client.example"), Optional::isPresent).orElseThrow();
        assertThat(ooo.status().name()).isEqualTo("IGNORED");
        assertThat(ooo.decision()).startsWith("ignored: auto reply").contains("Auto-Submitted: auto-replied");
        assertThat(bounce.status().name()).isEqualTo("IGNORED");
        assertThat(bounce.decision()).startsWith("ignored: delivery status");
        assertThat(bundle.titles()).doesNotContain("Automatic reply: Printer", "Undelivered Mail Returned to Sender");
        assertThat(emails(bundle.json("/api/contacts?size=500").get("items"))).doesNotContain("yara@client.example");
    }

    @Test
    void aSenderMakingTaskAfterTaskIsHeldAsAFlood() throws Exception {
        var intake = bundle.camel().getRegistry().lookupByNameAndType("mailtaskIntake",
                dev.mailtask.intake.IntakeService.class);
        intake.setFloodLimit(3, java.time.Duration.ofMinutes(10));
        try {
            for (int i = 1; i <= 5; i++) {
                mail.send(Mails.simple("flood-" + i + "@loop.example", "robot@loop.example", "support@test.mailtask",
                        null, "Alert " + i, "x"), "support@test.mailtask");
            }
            JsonNode fifth = bundle.awaitRecord("flood-5@loop.example");
            assertThat(bundle.awaitRecord("flood-4@loop.example").get("status").asText()).isEqualTo("QUARANTINED");
            assertThat(fifth.get("status").asText()).isEqualTo("QUARANTINED");
            assertThat(fifth.get("decision").asText()).contains("flood: 3 new tasks from robot@loop.example");
            assertThat(bundle.titles()).contains("Alert 1", "Alert 2", "Alert 3").doesNotContain("Alert 4", "Alert 5");
        } finally {
            intake.setFloodLimit(20, java.time.Duration.ofMinutes(10));
        }
    }

    @Test
    void markAsSpamDeletesTheTaskAndBlocksTheSenderUntilUnblocked() throws Exception {
        mail.send(Mails.simple("junk-1@junk.example", "Seller <seller@junk.example>", "support@test.mailtask", null,
                "Cheap toner", "Buy"), "support@test.mailtask");
        long id = bundle.awaitTask("Cheap toner").get("id").asLong();
        JsonNode spam = bundle.call("POST", "/api/tasks/" + id + "/spam", null, 200);
        assertThat(spam.get("blockedSender").asText()).isEqualTo("seller@junk.example");
        assertThat(bundle.get("/api/tasks/" + id).statusCode()).isEqualTo(404);

        mail.send(Mails.simple("junk-2@junk.example", "seller@junk.example", "support@test.mailtask", null,
                "Cheap toner again", "Buy"), "support@test.mailtask");
        JsonNode blocked = bundle.awaitRecord("junk-2@junk.example");
        assertThat(blocked.get("status").asText()).isEqualTo("IGNORED");
        assertThat(blocked.get("decision").asText()).isEqualTo("ignored: blocked sender seller@junk.example");

        long contact = bundle.json("/api/contacts?size=500").get("items").findParents("email").stream()
                .filter(c -> c.get("email").asText().equals("seller@junk.example")).findFirst().orElseThrow()
                .get("id").asLong();
        bundle.call("PUT", "/api/contacts/" + contact, "{\"spammer\": false}", 200);
        mail.send(Mails.simple("junk-3@junk.example", "seller@junk.example", "support@test.mailtask", null,
                "Sorry, a real question", "?"), "support@test.mailtask");
        bundle.awaitTask("Sorry, a real question");
    }

    @Test
    void allowListModeAcceptsOnlyKnownPeople() throws Exception {
        var intake = bundle.camel().getRegistry().lookupByNameAndType("mailtaskIntake",
                dev.mailtask.intake.IntakeService.class);
        intake.setAllowListOnly(true);
        try {
            mail.send(Mails.simple("allow-1@stranger.example", "nobody@stranger.example", "support@test.mailtask",
                    null, "Stranger asks", "?"), "support@test.mailtask");
            mail.send(Mails.simple("allow-2@staff.example", "Bob <bob@staff.example>", "support@test.mailtask",
                    null, "Bob asks", "?"), "support@test.mailtask");
            bundle.awaitTask("Bob asks");
            JsonNode stranger = bundle.awaitRecord("allow-1@stranger.example");
            assertThat(stranger.get("status").asText()).isEqualTo("IGNORED");
            assertThat(stranger.get("decision").asText()).contains("allow-list mode");
        } finally {
            intake.setAllowListOnly(false);
        }
    }

    @Test
    void mailOverTheSizeLimitsIsQuarantinedWithTheReason() throws Exception {
        var intake = bundle.camel().getRegistry().lookupByNameAndType("mailtaskIntake",
                dev.mailtask.intake.IntakeService.class);
        intake.setSizeLimits(50_000, 1_000);
        try {
            mail.send(Mails.withAttachment("big-1@client.example", "Pia <pia@client.example>", "support@test.mailtask",
                    null, "Big attachment", "see", "scan.bin", new byte[2_000]), "support@test.mailtask");
            JsonNode record = bundle.awaitRecord("big-1@client.example");
            assertThat(record.get("status").asText()).isEqualTo("QUARANTINED");
            assertThat(record.get("error").asText())
                    .isEqualTo("attachment scan.bin has 2000 bytes, over the limit of 1000");
            assertThat(bundle.get("/api/messages/" + record.get("id").asLong() + "/raw").body().length)
                    .as("kept whole").isGreaterThan(2_000);
        } finally {
            intake.setSizeLimits(50L << 20, 25L << 20);
        }
    }

    @Test
    void upstreamSpamVerdictsAreQuarantined() throws Exception {
        byte[] spam = ("X-Spam-Flag: YES\r\nX-Spam-Status: Yes, score=9.1\r\n" + new String(Mails.simple(
                "spam-1@spam.example", "win@spam.example", "support@test.mailtask", null, "You won", "Click"),
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        mail.send(spam, "support@test.mailtask");
        JsonNode record = bundle.awaitRecord("spam-1@spam.example");
        assertThat(record.get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(record.get("decision").asText()).contains("spam by the upstream filter (X-Spam-Flag: YES)");
        assertThat(bundle.titles()).doesNotContain("You won");
    }

    @Test
    void moreThanTwentyCcIsAMassMailingWithoutParticipantsOrContacts() throws Exception {
        StringBuilder cc = new StringBuilder();
        for (int i = 1; i <= 21; i++) {
            cc.append(i > 1 ? ", " : "").append("list").append(i).append("@mass.example");
        }
        mail.send(Mails.simple("mass-1@mass.example", "promo@mass.example", "support@test.mailtask", cc.toString(),
                "Our newsletter", "News"), "support@test.mailtask");

        JsonNode task = bundle.awaitTask("Our newsletter");
        assertThat(task.get("participants")).isEmpty();
        assertThat(emails(bundle.json("/api/contacts?size=500").get("items")))
                .contains("promo@mass.example").doesNotContain("list1@mass.example", "list21@mass.example");
    }

    @Test
    void overlongNamesFromAMailAreClippedNotFatal() throws Exception {
        String longName = "report-" + "x".repeat(1500) + ".txt";
        mail.send(Mails.withAttachment("long-1@client.example", "\"" + "N".repeat(400) + "\" <nils@client.example>",
                "support@test.mailtask", null, "Long names", "see attachment", longName, new byte[] {1, 2, 3}),
                "support@test.mailtask");

        JsonNode task = bundle.awaitTask("Long names");
        assertThat(task.get("attachments").get(0).get("fileName").asText()).hasSize(1000).startsWith("report-x");
        assertThat(task.get("assigner").get("name").asText()).hasSize(255);
    }

    @Test
    void secondCopyOfTheSameMailMakesNoSecondTask() throws Exception {
        byte[] raw = Mails.simple("twice-1@client.example", "gina@client.example", "support@test.mailtask", null,
                "Sent twice", "Same mail, two copies");
        mail.send(raw, "support@test.mailtask");
        bundle.awaitTask("Sent twice");
        mail.send(raw, "support@test.mailtask");
        await().atMost(Duration.ofSeconds(20)).until(() -> mail.seenFlags("INBOX").stream().allMatch(s -> s));

        assertThat(bundle.titles().stream().filter("Sent twice"::equals)).hasSize(1);
        List<MessageRecord> records = bundle.records("twice-1@client.example");
        assertThat(records).extracting(MessageRecord::status)
                .containsExactly(MessageStatus.PROCESSED, MessageStatus.DUPLICATE);
        assertThat(records.get(1).decision()).contains("duplicate: the same mail as message #" + records.get(0).id());
        assertThat(records.get(1).taskId()).isEqualTo(records.get(0).taskId());
    }

    @Test
    void aCopyThatTravelledAnotherWayIsStillADuplicate() throws Exception {
        byte[] raw = Mails.simple("travel-1@client.example", "gina@client.example", "support@test.mailtask", null,
                "Travelled twice", "Same mail, other trace headers");
        mail.send(raw, "support@test.mailtask");
        bundle.awaitTask("Travelled twice");
        // a second delivery: new trace fields on top, LF line ends, a filter's header
        String other = "Received: from relay.example by mx.example; Fri, 4 Dec 2026 10:00:00 +0000\r\n"
                + "X-Spam-Status: No, score=0.1\r\n" + new String(raw, StandardCharsets.UTF_8);
        mail.send(other.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8), "support@test.mailtask");

        await().atMost(Duration.ofSeconds(20)).until(() -> bundle.records("travel-1@client.example").size() == 2);
        assertThat(bundle.records("travel-1@client.example")).extracting(MessageRecord::status)
                .containsExactly(MessageStatus.PROCESSED, MessageStatus.DUPLICATE);
        assertThat(bundle.titles().stream().filter("Travelled twice"::equals)).hasSize(1);
    }

    @Test
    void anotherMailUnderAReusedMessageIdIsKeptAndHandledAsItsOwn() throws Exception {
        mail.send(Mails.simple("reused-1@client.example", "gina@client.example", "support@test.mailtask", null,
                "First under the id", "The first mail"), "support@test.mailtask");
        bundle.awaitTask("First under the id");
        mail.send(Mails.simple("reused-1@client.example", "ivan@other.example", "support@test.mailtask", null,
                "Second under the id", "Another sender, another text"), "support@test.mailtask");

        JsonNode second = bundle.awaitTask("Second under the id");
        assertThat(second.get("description").asText()).contains("Another sender, another text");
        List<MessageRecord> records = bundle.records("reused-1@client.example");
        assertThat(records).extracting(MessageRecord::status)
                .containsExactly(MessageStatus.PROCESSED, MessageStatus.PROCESSED);
        assertThat(records.get(1).decision())
                .contains("its Message-ID was used before by other content (message #" + records.get(0).id() + ")");
        byte[] kept = bundle.get("/api/messages/" + records.get(1).id() + "/raw").body();
        assertThat(new String(kept, StandardCharsets.UTF_8)).contains("Another sender, another text");
    }

    @Test
    void poisonMailIsQuarantinedAndTheMailBehindItStillBecomesATask() throws Exception {
        byte[] poison = Mails.tooDeep("poison-1@client.example", "support@test.mailtask", 80);
        mail.send(poison, "support@test.mailtask");
        mail.send(Mails.simple("after-poison@client.example", "hank@client.example", "support@test.mailtask", null,
                "After the poison", "Still works"), "support@test.mailtask");

        bundle.awaitTask("After the poison");
        MessageRecord record = await().atMost(Duration.ofSeconds(20))
                .until(() -> bundle.record("poison-1@client.example"), Optional::isPresent)
                .orElseThrow();
        JsonNode message = bundle.json("/api/messages/" + record.id());
        assertThat(message.get("status").asText()).isEqualTo("QUARANTINED");
        assertThat(message.get("error").asText()).isNotBlank();
        byte[] kept = bundle.get("/api/messages/" + record.id() + "/raw").body();
        assertThat(new String(kept, StandardCharsets.US_ASCII)).contains("Message-ID: <poison-1@client.example>");
        await().atMost(Duration.ofSeconds(20)).until(() -> mail.messageIdsIn("Quarantine")
                .contains("<poison-1@client.example>"));
    }

    @Test
    void camelControlHeadersInAMailDoNotSteerTheRoutes() throws Exception {
        byte[] raw = ("CamelMailMoveTo: Trash\r\nCamelMailDelete: true\r\nCamelHttpResponseCode: 500\r\n"
                + new String(Mails.simple("steer-1@attacker.example", "mallory@attacker.example",
                        "support@test.mailtask", null, "Innocent request", "hi"), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        mail.send(raw, "support@test.mailtask");

        bundle.awaitTask("Innocent request");
        await().atMost(Duration.ofSeconds(20)).until(() -> mail.seenFlags("INBOX").stream().allMatch(s -> s));
        assertThat(mail.seenFlags("Trash")).as("not moved by the mail's own header").isEmpty();
        assertThat(mail.messageIdsIn("INBOX")).as("nor deleted by it").contains("<steer-1@attacker.example>");
        assertThat(bundle.record("steer-1@attacker.example")).hasValueSatisfying(
                r -> assertThat(r.status().name()).isEqualTo("PROCESSED"));
    }

    @Test
    void apiRequiresTokenAndAnswersBadRequestsClearly() throws Exception {
        assertThat(bundle.get("/api/tasks", null).statusCode()).isEqualTo(401);
        assertThat(bundle.get("/api/tasks", "wrong").statusCode()).isEqualTo(401);
        HttpResponse<byte[]> tooBig = bundle.get("/api/tasks?size=501");
        assertThat(tooBig.statusCode()).isEqualTo(400);
        assertThat(new String(tooBig.body(), StandardCharsets.UTF_8)).contains("size");
        assertThat(bundle.get("/api/tasks/999999").statusCode()).isEqualTo(404);
        assertThat(bundle.get("/api/tasks/abc").statusCode()).isEqualTo(400);
        assertThat(bundle.get("/api/messages/999999/raw").statusCode()).isEqualTo(404);
        HttpResponse<byte[]> ok = bundle.get("/api/tasks");
        assertThat(ok.headers().firstValue("Authorization")).isEmpty();
    }

    private static List<String> emails(JsonNode people) {
        List<String> emails = new ArrayList<>();
        people.forEach(p -> emails.add(p.get("email").asText()));
        return emails;
    }

}
