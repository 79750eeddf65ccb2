package dev.mailtask.mail.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.mailtask.mail.MailParser;

/**
 * RFC 3464 / ARF / MDN samples from the MimeKit test data and Redmine's auto-reply rule, read from
 * {@code ../shared/corpus}; skipped when the corpus is absent.
 */
class PeerCorpusReportsTest {

    static final Path MIMEKIT = Path.of("../shared/corpus/mimekit/UnitTests/TestData/messages");
    static final Path REDMINE = Path.of("../shared/corpus/redmine/test/fixtures/mail_handler");
    static final MailParser PARSER = new MailParser();

    static MailReport mimekit(String name) throws Exception {
        Path f = MIMEKIT.resolve(name);
        assumeTrue(Files.isRegularFile(f), "mimekit corpus not present");
        return MailReports.of(PARSER.parse(Files.readAllBytes(f)));
    }

    @Test
    void deliveryStatusWithoutStatusFieldTakesTheClassFromTheAction() throws Exception {
        MailReport r = mimekit("delivery-status.txt");

        assertThat(r.kind()).isEqualTo(ReportKind.DELIVERY_STATUS);
        assertThat(r.originalMessageId()).isEqualTo("31FC7EB4.41C6@netscape.com");
        assertThat(r.recipients()).containsExactly(new RecipientStatus("newsletter-request@imusic.com", "failed",
                "5.0.0", null, "500 (err.nosuchuser)"));
    }

    @Test
    void deliveryStatusWithoutBlankLineBetweenBlocks() throws Exception {
        MailReport r = mimekit("delivery-status-no-blank-line.txt");

        assertThat(r.recipients()).containsExactly(new RecipientStatus("newsletter-request@imusic.com", "failed",
                "5.0.0", null, "500 (err.nosuchuser)"));
    }

    @Test
    void deliveryStatusWithSeveralBlankLinesAndOnlyOriginalRecipient() throws Exception {
        MailReport r = mimekit("delivery-status-multiple-blank-lines.txt");

        assertThat(r.recipients()).containsExactly(new RecipientStatus("orig_recip@customer.com", null, "5.5.0",
                null, "550 Requested action not taken"));
        assertThat(r.failedRecipients()).hasSize(1);
    }

    @Test
    void deliveryStatusWithActionBeforeFinalRecipient() throws Exception {
        MailReport r = mimekit("delivery-status2.txt");

        assertThat(r.recipients()).containsExactly(
                new RecipientStatus("source@domain.com", "failed", "5.0.0", null, null));
    }

    @Test
    void deliveryStatusFieldsBase64EncodedInsideThePart() throws Exception {
        MailReport r = mimekit("bounce.txt");

        assertThat(r.kind()).isEqualTo(ReportKind.DELIVERY_STATUS);
        assertThat(r.originalMessageId())
                .isEqualTo("44565655.JitbitHelpdesk.13439.691a0afc-a0a0-457c-8208-f20b7c4a4cb1@jitbit.com");
        assertThat(r.recipients()).extracting(RecipientStatus::address, RecipientStatus::action,
                RecipientStatus::status, RecipientStatus::diagnosticCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("netec.test@netecgc.com", "failed", "5.1.1",
                        "550 5.1.1 <netec.test@netecgc.com>: Recipient address rejected: User unknown"));
    }

    @Test
    void feedbackReport() throws Exception {
        MailReport r = mimekit("feedback-report.txt");

        assertThat(r.kind()).isEqualTo(ReportKind.FEEDBACK_REPORT);
        assertThat(r.feedbackType()).isEqualTo("abuse");
        assertThat(r.originalMessageId()).isEqualTo("8787KJKJ3K4J3K4J3K4J3.mail@example.net");
    }

    @Test
    void dispositionNotification() throws Exception {
        MailReport r = mimekit("disposition-notification.txt");

        assertThat(r.kind()).isEqualTo(ReportKind.DISPOSITION_NOTIFICATION);
        assertThat(r.disposition()).isEqualTo("manual-action/MDN-sent-manually; displayed");
        assertThat(r.originalMessageId()).isEqualTo("199509192301.23456@example.org");
    }

    /** Redmine's test_should_ignore_auto_replied_emails: one header in front of ticket_on_given_project.eml. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Auto-Submitted: auto-replied   | AUTO_REPLY",
            "Auto-Submitted: Auto-Replied   | AUTO_REPLY",
            "Auto-Submitted: auto-generated | AUTO_GENERATED",
            "X-Autoreply: yes               | AUTO_REPLY",
            "Auto-Submitted: auto-forwarded | NONE"})
    void redmineAutoReplyRule(String header, ReportKind expected) throws Exception {
        Path f = REDMINE.resolve("ticket_on_given_project.eml");
        assumeTrue(Files.isRegularFile(f), "redmine corpus not present");
        byte[] mail = Files.readAllBytes(f);
        byte[] head = (header + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + mail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(mail, 0, all, head.length, mail.length);

        MailReport r = MailReports.of(PARSER.parse(all));

        assertThat(r.kind()).isEqualTo(expected);
        // Redmine ignores the first four and accepts auto-forwarded mail: so do we (kind NONE only for the last)
        assertThat(r.suppressesAutoReply()).isEqualTo(expected != ReportKind.NONE);
    }
}
