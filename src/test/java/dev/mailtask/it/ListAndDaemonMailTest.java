package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mailing-list, bulk and mailer-daemon/postmaster mail never makes a task or a mail: it is recorded as ignored
 * with the reason (product §5). A list named in {@code mailtask.intake.accepted-lists} is ordinary mail, and a
 * list member's reply to our mail is their comment. The bundle here tells senders of undeliverable mail
 * ({@code not-delivered-notice=true}), so "no mail" is shown where a mail could have been sent.
 */
class ListAndDaemonMailTest extends SharedImapBundle {

    @BeforeAll
    static void start() throws Exception {
        startShared(Map.of("mailtask.outbox.period", "200", "mailtask.intake.not-delivered-notice", "true",
                "mailtask.intake.accepted-lists", "Helpdesk <helpdesk.groups.example>, sales@groups.example"));
    }

    @Test
    void listAndBulkMailIsRecordedAsIgnoredWithTheReason() throws Exception {
        send("list-1@lists.example", "List-Id: Printer users <printers.lists.example>\r\n", "ann@lists.example",
                "support@test.mailtask", "Printer tips");
        send("list-2@lists.example", "Precedence: list\r\n", "ann@lists.example", "support@test.mailtask", "Digest");
        send("bulk-1@news.example", "List-Unsubscribe: <mailto:off@news.example>\r\n", "news@news.example",
                "support@test.mailtask", "November offers");
        send("bulk-2@news.example", "Precedence: bulk\r\n", "news@news.example", "support@test.mailtask", "Offers");
        send("bulk-3@news.example", "Precedence: junk\r\n", "news@news.example", "support@test.mailtask", "Junk");
        // to an address nobody has: recorded, and no "not delivered" notice to a list
        send("list-3@lists.example", "List-Id: <printers.lists.example>\r\n", "ann@lists.example",
                "nobody@test.mailtask", "Printer tips again");

        assertIgnored("list-1@lists.example", "ignored: list mail (List-Id: Printer users <printers.lists.example>)");
        assertIgnored("list-2@lists.example", "ignored: list mail (Precedence: list)");
        assertIgnored("bulk-1@news.example", "ignored: bulk mail (List-Unsubscribe: <mailto:off@news.example>)");
        assertIgnored("bulk-2@news.example", "ignored: bulk mail (Precedence: bulk)");
        assertIgnored("bulk-3@news.example", "ignored: bulk mail (Precedence: junk)");
        assertThat(bundle.awaitRecord("list-1@lists.example").get("decision").asText())
                .endsWith("not an accepted list (mailtask.intake.accepted-lists)");
        assertThat(bundle.awaitRecord("list-3@lists.example").get("status").asText()).isIn("IGNORED", "REJECTED");

        assertThat(bundle.titles()).doesNotContain("Printer tips", "Digest", "November offers", "Offers", "Junk");
        assertThat(bundle.outboxTo("ann@lists.example") + bundle.outboxTo("news@news.example")).as("no mail to them").isZero();
    }

    @Test
    void mailFromMailerDaemonOrPostmasterIsIgnoredWhateverItSays() throws Exception {
        String[] senders = {"MAILER-DAEMON@mx1.example", "mailer-daemon@mx2.example", "Mailer_Daemon@mx3.example",
                "postmaster@mx4.example", "PostMaster@mx5.example", "post-master@mx6.example",
                "Mail Delivery Subsystem <mailerdaemon@mx7.example>"};
        for (int i = 0; i < senders.length; i++) {
            // an ordinary subject and text: nothing but the sender says "machine"
            mail.send(Mails.simple("daemon-" + i + "@mx.example", senders[i], "support@test.mailtask", null,
                    "Hello from the server " + i, "Please look at this."), "support@test.mailtask");
        }
        mail.send(Mails.simple("daemon-x@mx.example", "postmaster@mx8.example", "nobody@test.mailtask", null,
                "Hello again", "Please look at this."), "nobody@test.mailtask");
        for (int i = 0; i < senders.length; i++) {
            JsonNode record = bundle.awaitRecord("daemon-" + i + "@mx.example");
            assertThat(record.get("status").asText()).as(senders[i]).isEqualTo("IGNORED");
            assertThat(record.get("decision").asText()).as(senders[i]).startsWith("ignored: auto generated (From: ");
        }
        assertThat(bundle.awaitRecord("daemon-x@mx.example").get("status").asText()).isIn("IGNORED", "REJECTED");
        assertThat(bundle.titles()).noneMatch(t -> t.startsWith("Hello"));
        long toRobots = bundle.database().inTransaction(s -> s.createSelectionQuery(
                "select count(o) from OutboxMail o where o.recipient like '%mx%.example'", Long.class)
                .getSingleResult());
        assertThat(toRobots).as("no mail to a mail server's robot").isZero();
    }

    @Test
    void anAcceptedListIsOrdinaryMail() throws Exception {
        send("group-1@groups.example", "List-Id: Helpdesk <helpdesk.groups.example>\r\nPrecedence: list\r\n"
                + "List-Unsubscribe: <mailto:helpdesk+unsubscribe@groups.example>\r\n", "kim@client.example",
                "support@test.mailtask", "VPN is down");
        // named by its list address in the setting: sales@groups.example has the List-Id sales.groups.example
        send("group-2@groups.example", "List-Id: <sales.groups.example>\r\n", "lou@client.example",
                "support@test.mailtask", "Quote please");
        bundle.awaitTask("VPN is down");
        bundle.awaitTask("Quote please");
    }

    /**
     * A list member's reply to our comment is a reply to us, not a broadcast: it becomes their comment. An
     * auto-reply through the same list stays ignored, and so does list mail that only shares the thread of the
     * client's first mail (it answers the client, not us).
     */
    @Test
    void aListMembersReplyToOurMailIsTheirCommentButAnAutoReplyIsNot() throws Exception {
        mail.send(Mails.simple("lr-1@client.example", "Mia <mia@client.example>", "support@test.mailtask",
                null, "Scanner jammed", "It jams."), "support@test.mailtask");
        long id = bundle.awaitTask("Scanner jammed").get("id").asLong();
        bundle.call("POST", "/api/tasks/" + id + "/comments", """
                {"author": "alice", "text": "Which scanner?", "notify": {"contacts": ["mia@client.example"]}}""", 201);
        MimeMessage out = await().atMost(Duration.ofSeconds(20)).until(() -> mail.inboxOf("mia@client.example"),
                inbox -> inbox.size() == 1).get(0);

        // The list delivers to its members, our reply address among them (the member answered to all).
        String list = "List-Id: Office <office.client.example>\r\nPrecedence: list\r\n";
        String toUs = "Delivered-To: " + out.getHeader("Reply-To", null) + "\r\n";
        send("lr-2@client.example", toUs + list + "In-Reply-To: " + out.getMessageID() + "\r\nReferences: "
                + out.getMessageID() + "\r\n", "ned@client.example", "office@client.example",
                "Re: " + out.getSubject(), out.getHeader("Reply-To", null));
        send("lr-3@client.example", toUs + list + "Auto-Submitted: auto-replied\r\nIn-Reply-To: " + out.getMessageID()
                + "\r\n", "ola@client.example", "office@client.example", "Automatic reply: " + out.getSubject(),
                out.getHeader("Reply-To", null));
        send("lr-4@client.example", "Delivered-To: support@test.mailtask\r\n" + list + "In-Reply-To: <lr-1@client.example>\r\n", "pat@client.example",
                "office@client.example", "Re: Scanner jammed", "support@test.mailtask");

        JsonNode reply = bundle.awaitRecord("lr-2@client.example");
        assertThat(reply.get("status").asText()).isEqualTo("PROCESSED");
        assertThat(reply.get("decision").asText()).startsWith("add comment: reply to task");
        JsonNode comments = bundle.json("/api/tasks/" + id).get("comments");
        assertThat(comments).hasSize(2);
        // Ned answered Mia's copy: he takes no part in the task, so his comment waits for an employee
        assertThat(comments.get(1).get("held").asBoolean()).isTrue();
        assertThat(comments.get(1).get("sender").asText()).isEqualTo("ned@client.example");
        assertThat(bundle.awaitRecord("lr-3@client.example").get("decision").asText()).startsWith("ignored: auto reply");
        assertThat(bundle.awaitRecord("lr-4@client.example").get("decision").asText()).startsWith("ignored: list mail");
        assertThat(bundle.json("/api/tasks/" + id).get("comments")).hasSize(2);
        assertThat(bundle.outboxTo("ned@client.example") + bundle.outboxTo("ola@client.example") + bundle.outboxTo("pat@client.example"))
                .isZero();
    }

    /** A mail from {@code from} with extra header lines, sent over SMTP to {@code envelopeTo}. */
    private static void send(String messageId, String headers, String from, String envelopeTo, String subject)
            throws Exception {
        send(messageId, headers, from, envelopeTo, subject, envelopeTo);
    }

    private static void send(String messageId, String headers, String from, String to, String subject,
            String envelopeTo) throws Exception {
        byte[] raw = (headers + new String(Mails.simple(messageId, from, to, null, subject, "Some text."),
                StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        mail.send(raw, envelopeTo);
    }

    private static void assertIgnored(String messageId, String decision) throws Exception {
        JsonNode record = bundle.awaitRecord(messageId);
        assertThat(record.get("status").asText()).as(messageId).isEqualTo("IGNORED");
        assertThat(record.get("decision").asText()).as(messageId).startsWith(decision);
    }
}
