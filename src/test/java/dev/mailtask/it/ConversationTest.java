package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conversation over a real mail server: a comment goes out as mail from the account the client wrote
 * to, and the client's reply — written as a mail client writes it — comes back into the same task.
 */
class ConversationTest extends SharedImapBundle {

    @BeforeAll
    static void start() throws Exception {
        startShared(Map.of("mailtask.outbox.period", "200"));
    }

    @Test
    void commentGoesOutFromTheClientsAccountAndTheReplyLandsInTheSameTask() throws Exception {
        mail.send(Mails.simple("conv-1@client.example", "Carol Client <carol@client.example>", "support@test.mailtask",
                null, "Printer on fire", "Help!"), "support@test.mailtask");
        JsonNode task = bundle.awaitTask("Printer on fire");
        long id = task.get("id").asLong();
        long number = task.get("number").asLong();

        JsonNode posted = bundle.call("POST", "/api/tasks/" + id + "/comments", """
                {"author": "alice", "text": "We are on our way.",
                 "notify": {"employees": ["bob"], "contacts": ["carol@client.example"]}}""", 201);
        assertThat(posted.get("mailedTo").get(0).asText()).isEqualTo("carol@client.example");

        MimeMessage out = await().atMost(Duration.ofSeconds(20)).until(() -> mail.inboxOf("carol@client.example"),
                inbox -> inbox.size() == 1).get(0);
        assertThat(out.getHeader("From", null)).isEqualTo("Alice Adams <support@test.mailtask>");
        assertThat(out.getHeader("To", null)).contains("carol@client.example");
        assertThat(out.getSubject()).isEqualTo("Re: [#" + number + "] Printer on fire");
        assertThat(out.getHeader("In-Reply-To", null)).isEqualTo("<conv-1@client.example>");
        assertThat(out.getHeader("References", null)).contains("<conv-1@client.example>");
        assertThat(out.getMessageID()).startsWith("<mt." + number + ".").endsWith("@test.mailtask>");
        assertThat(out.getHeader("Reply-To", null)).matches("support\\+r[a-z2-7]+@test\\.mailtask");
        assertThat(out.getHeader("Auto-Submitted")).as("a person's comment is not automatic").isNull();
        String body = new String(out.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(body).contains("We are on our way.").contains("Test support");

        JsonNode comment = await().atMost(Duration.ofSeconds(20)).until(() -> bundle.json("/api/tasks/" + id),
                t -> t.get("comments").get(0).get("deliveries").get(0).get("status").asText().equals("SENT"))
                .get("comments").get(0);
        assertThat(comment.get("notified").findValuesAsText("email")).containsExactlyInAnyOrder(
                "bob@staff.example", "carol@client.example");

        // Carol answers as her mail client would: to the Reply-To, with the thread headers it received.
        String reply = "From: Carol Client <carol@client.example>\r\n"
                + "To: " + out.getHeader("Reply-To", null) + "\r\n"
                + "Subject: Re: " + out.getSubject() + "\r\n"
                + "Message-ID: <conv-2@client.example>\r\n"
                + "In-Reply-To: " + out.getMessageID() + "\r\n"
                + "References: <conv-1@client.example> " + out.getMessageID() + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nThank you, hurry!\r\n\r\n"
                + "On Fri, 27 Nov 2026 at 10:00, Alice Adams <support@test.mailtask> wrote:\r\n"
                + "> We are on our way.\r\n";
        mail.send(reply.getBytes(StandardCharsets.UTF_8), out.getHeader("Reply-To", null));

        JsonNode replied = await().atMost(Duration.ofSeconds(20)).until(() -> bundle.json("/api/tasks/" + id),
                t -> t.get("comments").size() == 2);
        JsonNode answer = replied.get("comments").get(1);
        assertThat(answer.get("text").asText()).as("the quote is cut").isEqualTo("Thank you, hurry!");
        assertThat(answer.get("author").get("email").asText()).isEqualTo("carol@client.example");
        assertThat(answer.get("notified").findValuesAsText("email")).as("told: who was told of the comment answered")
                .containsExactly("bob@staff.example");
        assertThat(bundle.titles().stream().filter(t -> t.contains("Printer on fire"))).hasSize(1);

        // A reply that says @nonotify is recorded but tells no one.
        String quiet = "From: carol@client.example\r\nTo: " + out.getHeader("Reply-To", null) + "\r\n"
                + "Subject: Re: " + out.getSubject() + " @nonotify\r\nMessage-ID: <conv-3@client.example>\r\n"
                + "In-Reply-To: " + out.getMessageID() + "\r\n\r\nNo need to answer.\r\n";
        mail.send(quiet.getBytes(StandardCharsets.UTF_8), out.getHeader("Reply-To", null));
        await().atMost(Duration.ofSeconds(20)).until(() -> bundle.json("/api/tasks/" + id).get("comments").size() == 3);

        // Bob was told of Alice's comment and of Carol's answer, not of the quiet one; his answer is his comment.
        List<MimeMessage> bobs = await().atMost(Duration.ofSeconds(20)).until(
                () -> mail.inboxOf("bob@staff.example"), inbox -> inbox.size() == 2);
        MimeMessage notice = bobs.get(0);
        assertThat(notice.getSubject()).isEqualTo("[#" + number + "] Printer on fire");
        assertThat(notice.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(new String(bobs.get(1).getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("Thank you, hurry!");
        String bobAnswers = "From: Bob Brown <bob@staff.example>\r\nTo: " + notice.getHeader("Reply-To", null)
                + "\r\nSubject: Re: " + notice.getSubject() + "\r\nMessage-ID: <bob-1@staff.example>\r\n"
                + "In-Reply-To: " + notice.getMessageID() + "\r\n\r\nI will bring the extinguisher.\r\n";
        long queuedBefore = outboxSize();
        mail.send(bobAnswers.getBytes(StandardCharsets.UTF_8), notice.getHeader("Reply-To", null));
        JsonNode byBob = await().atMost(Duration.ofSeconds(20)).until(() -> bundle.json("/api/tasks/" + id),
                t -> t.get("comments").size() == 4).get("comments").get(3);
        assertThat(mail.inboxOf("bob@staff.example")).as("@nonotify told no one").hasSize(2);
        assertThat(outboxSize()).as("nothing queued with the comment").isEqualTo(queuedBefore);
        assertThat(byBob.get("author").get("kind").asText()).isEqualTo("employee");
        assertThat(byBob.get("author").get("email").asText()).isEqualTo("bob@staff.example");
        assertThat(byBob.get("text").asText()).isEqualTo("I will bring the extinguisher.");
    }

    @Test
    void replyWithoutThreadHeadersStillThreadsByTheReplyToken() throws Exception {
        mail.send(Mails.simple("tok-1@client.example", "Dora <dora@client.example>", "support@test.mailtask",
                null, "Broken lamp", "It flickers."), "support@test.mailtask");
        JsonNode task = bundle.awaitTask("Broken lamp");
        long id = task.get("id").asLong();
        bundle.call("POST", "/api/tasks/" + id + "/comments", """
                {"author": "bob", "text": "Which room?", "notify": {"contacts": ["dora@client.example"]}}""", 201);
        MimeMessage out = await().atMost(Duration.ofSeconds(20)).until(() -> mail.inboxOf("dora@client.example"),
                inbox -> inbox.size() == 1).get(0);

        String reply = "From: dora@client.example\r\nTo: " + out.getHeader("Reply-To", null) + "\r\n"
                + "Subject: room\r\nMessage-ID: <tok-2@client.example>\r\n\r\nRoom 12.\r\n";
        mail.send(reply.getBytes(StandardCharsets.UTF_8), out.getHeader("Reply-To", null));
        await().atMost(Duration.ofSeconds(20)).until(() -> bundle.json("/api/tasks/" + id).get("comments").size() == 2);
    }

    @Test
    void subjectTagThreadsOnlyForParticipants() throws Exception {
        mail.send(Mails.simple("tag-1@client.example", "Eli <eli@client.example>", "support@test.mailtask",
                null, "Door stuck", "x"), "support@test.mailtask");
        JsonNode task = bundle.awaitTask("Door stuck");
        long number = task.get("number").asLong();

        mail.send(Mails.simple("tag-2@client.example", "eli@client.example", "support@test.mailtask", null,
                "Re: [#" + number + "] Door stuck", "Still stuck."), "support@test.mailtask");
        mail.send(Mails.simple("tag-3@stranger.example", "mallory@stranger.example", "support@test.mailtask", null,
                "[#" + number + "] Door stuck", "I'm in your task now?"), "support@test.mailtask");

        await().atMost(Duration.ofSeconds(20)).until(
                () -> bundle.json("/api/tasks/" + task.get("id").asLong()).get("comments").size() == 1);
        bundle.awaitTask("[#" + number + "] Door stuck");
    }

    @Test
    void aBounceMarksTheDeliveryAndAnOutOfOfficeIsFiledWithTheTaskWithoutAnAnswer() throws Exception {
        mail.send(Mails.simple("ooo-0@client.example", "Gus <gus@client.example>", "support@test.mailtask",
                null, "Fence broken", "x"), "support@test.mailtask");
        long id = bundle.awaitTask("Fence broken").get("id").asLong();
        bundle.call("POST", "/api/tasks/" + id + "/comments", """
                {"author": "alice", "text": "On Monday.", "notify": {"contacts": ["gus@client.example"]}}""", 201);
        MimeMessage out = await().atMost(Duration.ofSeconds(20)).until(() -> mail.inboxOf("gus@client.example"),
                inbox -> inbox.size() == 1).get(0);

        String outOfOffice = "From: gus@client.example\r\nTo: " + out.getHeader("Reply-To", null) + "\r\n"
                + "Subject: Automatic reply: " + out.getSubject() + "\r\nAuto-Submitted: auto-replied\r\n"
                + "Message-ID: <ooo-1@client.example>\r\nIn-Reply-To: " + out.getMessageID() + "\r\n\r\n"
                + "I am away until Friday.\r\n";
        String bounce = "From: MAILER-DAEMON@mx.client.example\r\nTo: support@test.mailtask\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <dsn-9@mx.client.example>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nCould not deliver.\r\n"
                + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.client.example\r\n\r\n"
                + "Final-Recipient: rfc822; gus@client.example\r\nAction: failed\r\nStatus: 5.2.2\r\n"
                + "Diagnostic-Code: smtp; 552 5.2.2 mailbox full\r\n"
                + "--b\r\nContent-Type: text/rfc822-headers\r\n\r\nMessage-ID: " + out.getMessageID() + "\r\n"
                + "Subject: " + out.getSubject() + "\r\n--b--\r\n";
        mail.send(outOfOffice.getBytes(StandardCharsets.UTF_8), out.getHeader("Reply-To", null));
        mail.send(bounce.getBytes(StandardCharsets.UTF_8), "support@test.mailtask");

        JsonNode delivery = await().atMost(Duration.ofSeconds(20)).until(() -> bundle.json("/api/tasks/" + id)
                .get("comments").get(0).get("deliveries").get(0), d -> d.get("status").asText().equals("BOUNCED"));
        assertThat(delivery.get("lastError").asText()).contains("gus@client.example").contains("5.2.2");
        MimeMessage told = await().atMost(Duration.ofSeconds(20)).until(() -> mail.inboxOf("alice@staff.example"),
                inbox -> inbox.stream().anyMatch(m -> subject(m).startsWith("[#"))).stream()
                .filter(m -> subject(m).contains("Undeliverable")).findFirst().orElseThrow();
        assertThat(new String(told.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("gus@client.example").contains("5.2.2");
        // The notice's Message-ID numbers the notice, not a comment: the answer joins the task as alice's.
        String noticeAddress = told.getHeader("Reply-To", null) != null ? told.getHeader("Reply-To", null)
                : told.getFrom()[0].toString();
        String answer = "From: Alice <alice@staff.example>\r\nTo: " + noticeAddress + "\r\n"
                + "Subject: Re: " + told.getSubject() + "\r\nMessage-ID: <ack-1@staff.example>\r\n"
                + "In-Reply-To: " + told.getMessageID() + "\r\n\r\nI will phone him.\r\n";
        mail.send(answer.getBytes(StandardCharsets.UTF_8), "support@test.mailtask");
        await().atMost(Duration.ofSeconds(20)).until(() -> bundle.json("/api/tasks/" + id).get("comments").size() == 2);
        JsonNode reply = bundle.json("/api/tasks/" + id).get("comments").get(1);
        assertThat(reply.get("text").asText()).contains("I will phone him.");
        assertThat(reply.get("author").toString()).contains("alice");
        var ooo = await().atMost(Duration.ofSeconds(20)).until(() -> bundle.database().inTransaction(s -> s
                .createSelectionQuery("from MessageRecord m where m.messageId = 'ooo-1@client.example'",
                        dev.mailtask.intake.MessageRecord.class).uniqueResultOptional()), Optional::isPresent).get();
        assertThat(ooo.status().name()).isEqualTo("IGNORED");
        assertThat(ooo.taskId()).as("filed with its task").isEqualTo(id);
        assertThat(bundle.json("/api/tasks/" + id).get("comments")).as("no comment from a machine").hasSize(2);
        assertThat(mail.inboxOf("gus@client.example")).as("and no answer to it").hasSize(1);
        assertThat(bundle.outboxTo("gus@client.example")).as("none queued either").isEqualTo(1);
    }

    @Test
    void aReplyToAClosedTaskReopensItOrStartsAFollowUpAsTheProjectSays() throws Exception {
        mail.send(Mails.simple("cl-1@client.example", "Ida <ida@client.example>", "support@test.mailtask", null,
                "Window cracked", "x"), "support@test.mailtask");
        long id = bundle.awaitTask("Window cracked").get("id").asLong();
        long number = bundle.json("/api/tasks/" + id).get("number").asLong();
        assertThat(bundle.call("PUT", "/api/tasks/" + id, "{\"status\":\"CLOSED\"}", 200).get("status").asText())
                .isEqualTo("CLOSED");
        mail.send(Mails.simple("cl-2@client.example", "ida@client.example", "support@test.mailtask", null,
                "Re: [#" + number + "] Window cracked", "It is worse now."), "support@test.mailtask");
        await().atMost(Duration.ofSeconds(20)).until(() -> bundle.json("/api/tasks/" + id).get("status").asText()
                .equals("OPEN"));
        assertThat(bundle.json("/api/tasks/" + id).get("comments")).hasSize(1);

        long sales = bundle.json("/api/projects").get(1).get("id").asLong();
        bundle.call("PUT", "/api/projects/" + sales, "{\"closedTaskReply\":\"NEW_TASK\"}", 200);
        assertThat(bundle.call("PUT", "/api/projects/" + sales, "{\"closedTaskReply\":\"new_task\"}", 200)
                .get("closedTaskReply").asText()).as("any case, like every enum the API takes").isEqualTo("NEW_TASK");
        assertThat(new String(bundle.call("PUT", "/api/projects/" + sales, "{\"closedTaskReply\":\"later\"}")
                .body(), StandardCharsets.UTF_8)).contains("closedTaskReply must be one of [REOPEN, NEW_TASK]");
        mail.send(Mails.simple("cl-3@client.example", "Jon <jon@client.example>", "project+7@test.mailtask", null,
                "Order 12 chairs", "x"), "project+7@test.mailtask");
        long order = bundle.awaitTask("Order 12 chairs").get("id").asLong();
        long orderNumber = bundle.json("/api/tasks/" + order).get("number").asLong();
        bundle.call("PUT", "/api/tasks/" + order, "{\"status\":\"CLOSED\"}", 200);
        mail.send(Mails.simple("cl-4@client.example", "jon@client.example", "project+7@test.mailtask", null,
                "Re: [#" + orderNumber + "] Order 12 chairs", "And 4 tables."), "project+7@test.mailtask");
        JsonNode follow = await().atMost(Duration.ofSeconds(20)).until(() -> bundle.json("/api/tasks?size=500")
                .get("items").get(0), t -> t.get("id").asLong() != order && t.get("title").asText()
                .equals("Order 12 chairs"));
        assertThat(bundle.json("/api/tasks/" + follow.get("id").asLong()).get("followsTaskId").asLong())
                .isEqualTo(order);
        assertThat(bundle.json("/api/tasks/" + order).get("status").asText()).isEqualTo("CLOSED");
        assertThat(bundle.call("PUT", "/api/tasks/" + order, "{\"status\":\"DONE\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void mailOverTheRecipientLimitWaitsInTheOutboxWithItsReason() throws Exception {
        var outbox = bundle.camel().getRegistry().lookupByNameAndType("mailtaskOutbox",
                dev.mailtask.conversation.Outbox.class);
        outbox.setRateLimits(2, 1000, Duration.ofMinutes(10));
        try {
            mail.send(Mails.simple("rate-1@client.example", "Liv <liv@client.example>", "support@test.mailtask",
                    null, "Many questions", "x"), "support@test.mailtask");
            long id = bundle.awaitTask("Many questions").get("id").asLong();
            for (int i = 1; i <= 3; i++) {
                bundle.call("POST", "/api/tasks/" + id + "/comments", "{\"author\": \"alice\", \"text\": \"Answer "
                        + i + "\", \"notify\": {\"contacts\": [\"liv@client.example\"]}}", 201);
            }
            JsonNode waiting = await().atMost(Duration.ofSeconds(20)).until(
                    () -> bundle.json("/api/outbox?status=QUEUED").get("items"), items -> items.size() == 1
                            && items.get(0).get("lastError").asText().startsWith("rate limit")).get(0);
            assertThat(waiting.get("lastError").asText()).contains("2 mails per 10 minutes to liv@client.example");
            await().atMost(Duration.ofSeconds(20)).until(() -> mail.inboxOf("liv@client.example").size() == 2);
            assertThat(bundle.json("/api/outbox?status=QUEUED").get("items")).as("the third still waits").hasSize(1);
        } finally {
            outbox.setRateLimits(50, 1000, Duration.ofMinutes(10));
        }
    }

    @Test
    void weNeverMailOurOwnAddresses() throws Exception {
        mail.send(Mails.simple("own-1@test.mailtask", "Ghost <ghost@test.mailtask>", "support@test.mailtask", null,
                "From inside", "x"), "support@test.mailtask");
        long id = bundle.awaitTask("From inside").get("id").asLong();
        // a mail to ourselves is a loop in one step: no contact is ever made for one of our addresses
        assertThat(bundle.json("/api/contacts?size=500").get("items").findValuesAsText("email"))
                .doesNotContain("ghost@test.mailtask");
        bundle.call("POST", "/api/tasks/" + id + "/comments", """
                {"author": "alice", "text": "Noted.", "notify": {"contacts": ["ghost@test.mailtask"]}}""", 400);
        assertThat(bundle.outboxTo("ghost@test.mailtask")).isZero();
    }

    @Test
    void hiddenCommentsAndUnnotifiedContactsGetNoMail() throws Exception {
        mail.send(Mails.simple("hid-1@client.example", "Finn <finn@client.example>", "support@test.mailtask",
                null, "Secret plans", "x"), "support@test.mailtask");
        long id = bundle.awaitTask("Secret plans").get("id").asLong();
        JsonNode hidden = bundle.call("POST", "/api/tasks/" + id + "/comments", """
                {"author": "alice", "text": "internal note", "hidden": true,
                 "notify": {"contacts": ["finn@client.example"]}}""", 201);
        assertThat(hidden.get("mailedTo")).isEmpty();
        bundle.call("POST", "/api/tasks/" + id + "/comments", """
                {"author": "alice", "text": "nobody told"}""", 201);
        assertThat(bundle.call("POST", "/api/tasks/" + id + "/comments", "{\"author\":\"nobody\",\"text\":\"x\"}")
                .statusCode()).isEqualTo(400);
        assertThat(bundle.call("POST", "/api/tasks/999999/comments", "{\"author\":\"alice\",\"text\":\"x\"}")
                .statusCode()).isEqualTo(404);
        JsonNode comments = bundle.json("/api/tasks/" + id).get("comments");
        assertThat(comments).hasSize(2);
        assertThat(comments.findValues("deliveries")).allSatisfy(d -> assertThat(d).isEmpty());
        assertThat(mail.inboxOf("finn@client.example")).isEmpty();
    }

    @Test
    void replyFromAnotherAddressOfTheContactAndReplyAllWithCc() throws Exception {
        mail.send(Mails.simple("alt-1@client.example", "Kay <kay@client.example>", "support@test.mailtask", null,
                "Roof leaking", "Drip."), "support@test.mailtask");
        long id = bundle.awaitTask("Roof leaking").get("id").asLong();
        long kay = await().atMost(Duration.ofSeconds(20)).until(() -> bundle.json("/api/tasks/" + id)
                .get("assigner"), a -> a != null && !a.isNull()).get("id").asLong();
        bundle.call("PUT", "/api/contacts/" + kay, "{\"additionalEmails\":[\"kay.private@home.example\"]}", 200);
        bundle.call("POST", "/api/tasks/" + id + "/comments", """
                {"author": "alice", "text": "Bucket on its way.", "notify": {"contacts": ["kay@client.example"]}}""",
                201);
        MimeMessage out = await().atMost(Duration.ofSeconds(20)).until(() -> mail.inboxOf("kay@client.example"),
                inbox -> inbox.size() == 1).get(0);

        String reply = "From: Kay at home <kay.private@home.example>\r\nTo: " + out.getHeader("Reply-To", null)
                + "\r\nCc: Lou <lou@client.example>\r\nSubject: Re: " + out.getSubject()
                + "\r\nMessage-ID: <alt-2@home.example>\r\nIn-Reply-To: " + out.getMessageID()
                + "\r\n\r\nThanks, Lou from facilities is in copy.\r\n";
        mail.send(reply.getBytes(StandardCharsets.UTF_8), out.getHeader("Reply-To", null), "lou@client.example");
        // Both in one wait: a task read while the reply commits may see its comments but not yet its participants
        // (each query of the read sees what is committed when it runs).
        JsonNode task = await().atMost(Duration.ofSeconds(20)).until(() -> bundle.json("/api/tasks/" + id),
                t -> t.get("comments").size() == 2
                        && t.get("participants").findValuesAsText("email").contains("lou@client.example"));
        assertThat(task.get("comments").get(1).get("author").get("id").asLong()).as("the same contact").isEqualTo(kay);
    }

    /** Every mail ever queued: written in the same transaction as the comment that causes it. */
    private static long outboxSize() {
        return bundle.database().inTransaction(s -> s.createSelectionQuery("select count(o) from OutboxMail o",
                Long.class).getSingleResult());
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

}
