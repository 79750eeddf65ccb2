package dev.mailtask.mail.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.mailtask.mail.MailParseException;
import dev.mailtask.mail.MailParser;

/** MailReports over the hand-written mails in src/test/resources/report. */
class MailReportsTest {

    private static final MailParser PARSER = new MailParser();

    static MailReport report(String name) throws MailParseException {
        try (InputStream in = MailReportsTest.class.getResourceAsStream("/report/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test mail " + name);
            }
            return MailReports.of(PARSER.parse(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MailReport reportOf(String mail) throws MailParseException {
        return MailReports.of(PARSER.parse(mail.getBytes(StandardCharsets.UTF_8)));
    }

    @Nested
    class AutoReplies {

        @Test
        void rfc3834AutoReplied() throws Exception {
            MailReport r = report("autoreply-rfc3834.eml");

            assertThat(r.kind()).isEqualTo(ReportKind.AUTO_REPLY);
            assertThat(r.signals()).containsExactly("Return-Path: <>", "Auto-Submitted: auto-replied");
            assertThat(r.originalMessageId()).isEqualTo("try-1@client.example");
            assertThat(r.recipients()).isEmpty();
            assertThat(r.suppressesAutoReply()).isTrue();
            assertThat(r.isBounce()).isFalse();
        }

        @Test
        void outlookOutOfOfficeBySubjectPrefix() throws Exception {
            MailReport r = report("autoreply-outlook-oof.eml");

            assertThat(r.kind()).isEqualTo(ReportKind.AUTO_REPLY);
            assertThat(r.signals()).containsExactly(
                    "X-Auto-Response-Suppress: All (asks not to be auto-replied to; not an auto-reply marker)",
                    "Subject: Automatic reply:");
            assertThat(r.originalMessageId()).isEqualTo("try-1@client.example");
        }

        @Test
        void xAutoreplyHeader() throws Exception {
            MailReport r = report("autoreply-x-autoreply.eml");

            assertThat(r.kind()).isEqualTo(ReportKind.AUTO_REPLY);
            assertThat(r.signals()).containsExactly("X-Autoreply: yes");
        }

        @Test
        void precedenceAutoReply() throws Exception {
            MailReport r = report("autoreply-precedence.eml");

            assertThat(r.kind()).isEqualTo(ReportKind.AUTO_REPLY);
            assertThat(r.signals()).containsExactly("Precedence: auto_reply");
            assertThat(r.originalMessageId()).isNull();
        }

        @Test
        void outOfOfficeFromNullSenderTalkingAboutDeliveriesIsNoBounce() throws Exception {
            MailReport r = reportOf("""
                    Return-Path: <>
                    From: Bob <bob@example.org>
                    To: carol@client.example
                    Subject: Out of Office: Parts order
                    In-Reply-To: <order-7@client.example>

                    I am out of the office. The parts could not be delivered before Monday;
                    for urgent matters call
                    555 1234.
                    """);

            assertThat(r.kind()).isEqualTo(ReportKind.AUTO_REPLY);
            assertThat(r.signals()).containsExactly("Return-Path: <>", "Subject: Out of Office:");
            assertThat(r.originalMessageId()).isEqualTo("order-7@client.example");
        }

        @Test
        void autoSubmittedVariants() throws Exception {
            String mail = "From: a@example.org\nTo: b@example.org\nSubject: Hello\n%s\nhello\n";
            assertThat(reportOf(mail.formatted("Auto-Submitted: Auto-Replied\n")).kind())
                    .isEqualTo(ReportKind.AUTO_REPLY);
            assertThat(reportOf(mail.formatted("Auto-Submitted: auto-replied; owner-email=\"a@example.org\"\n"))
                    .kind()).isEqualTo(ReportKind.AUTO_REPLY);
            assertThat(reportOf(mail.formatted("Auto-Submitted: auto-notified\n")).kind())
                    .isEqualTo(ReportKind.AUTO_GENERATED);
            assertThat(reportOf(mail.formatted("Auto-Submitted: no\n")).kind()).isEqualTo(ReportKind.NONE);
            assertThat(reportOf(mail.formatted("X-Autorespond: Out of office\n")).kind())
                    .isEqualTo(ReportKind.AUTO_REPLY);
            assertThat(reportOf(mail.formatted("X-Autoreply: no\n")).kind()).isEqualTo(ReportKind.NONE);
        }

        @Test
        void autoReplySubjectPrefixesInOtherLanguages() {
            assertThat(MailReports.autoReplySubject("Automatic reply: Printer")).isEqualTo("Automatic reply:");
            assertThat(MailReports.autoReplySubject("Abwesenheitsnotiz: Drucker")).isEqualTo("Abwesenheitsnotiz:");
            assertThat(MailReports.autoReplySubject("Автоматический ответ: Принтер"))
                    .isEqualTo("Автоматический ответ:");
            assertThat(MailReports.autoReplySubject("Out of Office: Printer")).isEqualTo("Out of Office:");
            assertThat(MailReports.autoReplySubject("Re: Automatic reply: Printer")).isNull();
            assertThat(MailReports.autoReplySubject("Automatic replies are annoying")).isNull();
        }
    }

    @Nested
    class NotAutoReplies {

        @Test
        void ordinaryOutlookMailWithAutoResponseSuppressIsNone() throws Exception {
            MailReport r = report("ordinary-outlook.eml");

            assertThat(r.kind()).isEqualTo(ReportKind.NONE);
            assertThat(r.signals()).containsExactly(
                    "X-Auto-Response-Suppress: OOF (asks not to be auto-replied to; not an auto-reply marker)");
            assertThat(r.suppressesAutoReply()).isFalse();
        }

        @Test
        void autoForwardedIsAPersonsMail() throws Exception {
            MailReport r = report("auto-forwarded.eml");

            assertThat(r.kind()).isEqualTo(ReportKind.NONE);
            assertThat(r.signals()).isEmpty();
        }

        @Test
        void autoGenerated() throws Exception {
            MailReport r = report("auto-generated.eml");

            assertThat(r.kind()).isEqualTo(ReportKind.AUTO_GENERATED);
            assertThat(r.signals()).containsExactly("Auto-Submitted: auto-generated");
            assertThat(r.suppressesAutoReply()).isTrue();
        }

        @Test
        void listMail() throws Exception {
            MailReport r = report("list-mail.eml");

            assertThat(r.kind()).isEqualTo(ReportKind.LIST);
            assertThat(r.signals()).containsExactly(
                    "List-Id: Users of the project <users.lists.example.org>",
                    "List-Post: <mailto:users@lists.example.org>",
                    "List-Unsubscribe: <mailto:users-leave@lists.example.org>",
                    "Precedence: list");
            assertThat(r.suppressesAutoReply()).isTrue();
            assertThat(r.isBounce()).isFalse();
        }

        @Test
        void bulkMail() throws Exception {
            MailReport r = report("bulk-newsletter.eml");

            assertThat(r.kind()).isEqualTo(ReportKind.BULK);
            assertThat(r.signals()).containsExactly("Precedence: bulk",
                    "List-Unsubscribe: <https://shop.example/unsubscribe?u=1>");
        }

        @Test
        void bounceForwardedByAPersonIsTheirMail() throws Exception {
            MailReport r = report("forwarded-bounce.eml");

            assertThat(r.kind()).isEqualTo(ReportKind.NONE);
            assertThat(r.recipients()).isEmpty();
        }
    }

    @Nested
    class Reports {

        @Test
        void rfc3464DeliveryStatus() throws Exception {
            MailReport r = report("dsn-rfc3464.eml");

            assertThat(r.kind()).isEqualTo(ReportKind.DELIVERY_STATUS);
            assertThat(r.signals()).containsExactly("Content-Type: multipart/report; report-type=delivery-status");
            assertThat(r.originalMessageId()).isEqualTo("task-42-comment-7@demo.mailtask");
            assertThat(r.recipients()).containsExactly(
                    new RecipientStatus("nobody@client.example", "failed", "5.1.1", "mx.client.example",
                            "550 5.1.1 <nobody@client.example>: Recipient address rejected: User unknown"),
                    new RecipientStatus("full@client.example", "delayed", "4.2.2", "mx.client.example",
                            "452 4.2.2 Mailbox full"));
            assertThat(r.failedRecipients()).hasSize(2);
            assertThat(r.recipients()).extracting(RecipientStatus::permanent).containsExactly(true, false);
            assertThat(r.isBounce()).isTrue();
        }

        @Test
        void successNotificationListsDeliveredRecipientsButNoFailures() throws Exception {
            MailReport r = reportOf("""
                    From: MAILER-DAEMON@mx.client.example
                    To: support@demo.mailtask
                    Subject: Successful Mail Delivery Report
                    Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                    --b
                    Content-Type: text/plain

                    Your message was delivered.
                    --b
                    Content-Type: message/delivery-status

                    Reporting-MTA: dns; mx.client.example
                    Original-Envelope-Id: 0123456789
                    Final-Recipient: rfc822; carol@client.example
                    Action: delivered
                    Status: 2.0.0
                    --b--
                    """);

            assertThat(r.kind()).isEqualTo(ReportKind.DELIVERY_STATUS);
            assertThat(r.recipients()).containsExactly(
                    new RecipientStatus("carol@client.example", "delivered", "2.0.0", null, null));
            assertThat(r.failedRecipients()).isEmpty();
            assertThat(r.originalMessageId()).isNull();
        }

        @Test
        void arfFeedbackReport() throws Exception {
            MailReport r = report("arf-abuse.eml");

            assertThat(r.kind()).isEqualTo(ReportKind.FEEDBACK_REPORT);
            assertThat(r.feedbackType()).isEqualTo("abuse");
            assertThat(r.originalMessageId()).isEqualTo("newsletter-9@demo.mailtask");
            assertThat(r.recipients()).isEmpty();
        }

        @Test
        void readReceiptFromNullSenderWithTheOriginalAttachedStaysAReadReceipt() throws Exception {
            MailReport r = reportOf("""
                    Return-Path: <>
                    From: carol@client.example
                    To: support@demo.mailtask
                    Subject: Read: Printer
                    Content-Type: multipart/report; report-type=disposition-notification; boundary="m"

                    --m
                    Content-Type: text/plain

                    The message was displayed.
                    --m
                    Content-Type: message/disposition-notification

                    Final-Recipient: rfc822; carol@client.example
                    Disposition: automatic-action/MDN-sent-automatically; displayed
                    --m
                    Content-Type: message/rfc822

                    From: support@demo.mailtask
                    Subject: Printer
                    Message-ID: <task-46@demo.mailtask>

                    On it.
                    --m--
                    """);

            assertThat(r.kind()).isEqualTo(ReportKind.DISPOSITION_NOTIFICATION);
            assertThat(r.disposition()).isEqualTo("automatic-action/MDN-sent-automatically; displayed");
            assertThat(r.originalMessageId()).isEqualTo("task-46@demo.mailtask");
        }

        @Test
        void readReceipt() throws Exception {
            MailReport r = report("mdn-read.eml");

            assertThat(r.kind()).isEqualTo(ReportKind.DISPOSITION_NOTIFICATION);
            assertThat(r.originalMessageId()).isEqualTo("task-42-comment-7@demo.mailtask");
            assertThat(r.disposition()).isEqualTo("manual-action/MDN-sent-manually; displayed");
        }
    }

    @Nested
    class PlainTextBounces {

        @Test
        void qmailFailureNotice() throws Exception {
            MailReport r = report("plain-qmail.eml");

            assertThat(r.kind()).isEqualTo(ReportKind.DELIVERY_STATUS);
            assertThat(r.signals()).containsExactly("From: MAILER-DAEMON@mail.client.example", "Return-Path: <>",
                    "Subject: failure notice", "text: qmail-send program");
            assertThat(r.originalMessageId()).isEqualTo("task-43-comment-1@demo.mailtask");
            // the second server reply has no enhanced code: its SMTP code 552 says "permanent", hence 5.0.0
            assertThat(r.recipients()).extracting(RecipientStatus::address, RecipientStatus::action,
                    RecipientStatus::status, RecipientStatus::diagnosticCode).containsExactly(
                            tuple("gone@client.example", "failed", "5.1.1",
                                    "Remote host said: 550 5.1.1 <gone@client.example>... User unknown"),
                            tuple("quota@client.example", "failed", "5.0.0", "552 Mailbox quota exceeded"));
        }

        @Test
        void eximWithXFailedRecipients() throws Exception {
            MailReport r = report("plain-exim.eml");

            assertThat(r.kind()).isEqualTo(ReportKind.DELIVERY_STATUS);
            assertThat(r.signals()).contains("X-Failed-Recipients: someone@client.example");
            assertThat(r.originalMessageId()).isEqualTo("task-44-comment-2@demo.mailtask");
            assertThat(r.recipients()).extracting(RecipientStatus::address, RecipientStatus::status)
                    .containsExactly(tuple("someone@client.example", "5.2.1"));
        }

        @Test
        void russianBounce() throws Exception {
            MailReport r = report("plain-russian.eml");

            assertThat(r.kind()).isEqualTo(ReportKind.DELIVERY_STATUS);
            assertThat(r.signals()).contains("Subject: Недоставленное");
            assertThat(r.originalMessageId()).isEqualTo("task-45-comment-3@demo.mailtask");
            assertThat(r.recipients()).containsExactly(new RecipientStatus("ivan@client.example.ru", "failed",
                    "5.1.1", null, "сервер ответил: 550 5.1.1 Mailbox does not exist"));
        }

        @Test
        void gmailStyleDelayIsTemporary() throws Exception {
            MailReport r = reportOf("""
                    From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
                    To: support@demo.mailtask
                    Subject: Delivery Status Notification (Delay)

                    This is an automatically generated Delivery Status Notification

                    THIS IS A WARNING MESSAGE ONLY.

                    YOU DO NOT NEED TO RESEND YOUR MESSAGE.

                    Delivery to the following recipient has been delayed:

                         slow@client.example

                    Message will be retried for 2 more day(s)
                    """);

            assertThat(r.kind()).isEqualTo(ReportKind.DELIVERY_STATUS);
            assertThat(r.recipients()).containsExactly(
                    new RecipientStatus("slow@client.example", "delayed", "4.0.0", null, null));
        }

        @Test
        void postmasterNoticeWithoutBounceWordsIsNotABounce() throws Exception {
            MailReport r = reportOf("""
                    From: postmaster@client.example
                    To: support@demo.mailtask
                    Subject: Planned maintenance on Saturday

                    The mail server will be down on Saturday from 2 to 4.
                    """);

            assertThat(r.kind()).isEqualTo(ReportKind.AUTO_GENERATED);
            assertThat(r.isBounce()).isFalse();
        }
    }
}
