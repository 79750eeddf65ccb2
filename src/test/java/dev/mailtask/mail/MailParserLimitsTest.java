package dev.mailtask.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mailtask.mail.report.ReportKind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Mail structures a stranger can make as large as the size limit allows, parsed in bounded time. */
class MailParserLimitsTest {

    private static final MailParser PARSER = new MailParser();

    private static InboundMail parse(String headers, String body) throws Exception {
        String raw = "From: mallory@evil.example\r\nTo: support@demo.mailtask\r\nMessage-ID: <m@evil.example>\r\n"
                + "MIME-Version: 1.0\r\n" + headers + "\r\n" + body;
        return assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> PARSER.parse(raw.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** Jakarta Mail searched the class path for its stream provider once per body part: 10 s for 10,000. */
    @Test
    void thirtyThousandPartsAreSplitInLinearTime() throws Exception {
        String body = IntStream.range(0, 30_000).mapToObj(i -> "--p\r\nContent-Type: text/plain\r\n\r\npart " + i + "\r\n")
                .collect(Collectors.joining()) + "--p--\r\n";
        InboundMail m = parse("Subject: parts\r\nContent-Type: multipart/mixed; boundary=\"p\"\r\n", body);
        assertThat(m.textBody()).startsWith("part 0\n").endsWith("part 29999");
    }

    /** Each id of References may cost a look-up when the thread is searched; 50,000 took half a minute. */
    @Test
    void referencesKeepTheFirstAndTheNearestHundred() throws Exception {
        String refs = IntStream.range(0, 50_000).mapToObj(i -> "<r" + i + "@x.example>")
                .collect(Collectors.joining(" "));
        InboundMail m = parse("Subject: refs\r\nReferences: " + refs + "\r\nContent-Type: text/plain\r\n", "x\r\n");
        assertThat(m.references()).hasSize(100);
        assertThat(m.references().get(0)).isEqualTo("r0@x.example");
        assertThat(m.references().get(1)).isEqualTo("r49901@x.example");
        assertThat(m.references().get(99)).isEqualTo("r49999@x.example");
    }

    /** The base64 run of a delivery report was one regex group repeated per line: StackOverflowError. */
    @Test
    void aDeliveryReportOfTwentyThousandBase64LinesIsRead() throws Exception {
        String line = Base64.getEncoder().encodeToString("Status: 5.1.1 and more".getBytes(StandardCharsets.US_ASCII));
        InboundMail m = parse("Subject: Delivery Status Notification (Failure)\r\n"
                        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"r\"\r\n",
                "--r\r\nContent-Type: text/plain\r\n\r\nnot delivered\r\n"
                        + "--r\r\nContent-Type: message/delivery-status\r\n\r\n" + (line + "\r\n").repeat(20_000)
                        + "--r--\r\n");
        assertThat(m.report().kind()).isEqualTo(ReportKind.DELIVERY_STATUS);
    }

    /** A plain-text bounce whose body is a line of dashes: the marker of the copied original took minutes. */
    @Test
    void aBounceWithALineOfSixtyThousandDashesIsRead() throws Exception {
        String raw = "From: Mail Delivery System <MAILER-DAEMON@mx.evil.example>\r\nTo: support@demo.mailtask\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <b@evil.example>\r\n\r\n"
                + "Your message could not be delivered.\r\n" + "-".repeat(60_000) + "\r\n";
        InboundMail m = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> PARSER.parse(raw.getBytes(StandardCharsets.US_ASCII)));
        assertThat(m.report().kind()).isEqualTo(ReportKind.DELIVERY_STATUS);
    }

    /** The address pattern recursed once per domain label: a From of 3,000 labels overflowed the stack. */
    @Test
    void addressesWithThousandsOfDomainLabelsAreRead() throws Exception {
        String raw = "From: a@" + "b.".repeat(3_000) + "example\r\nTo: support@demo.mailtask, x@" + "y.".repeat(60_000)
                + "example\r\nSubject: dots\r\nMessage-ID: <d@evil.example>\r\n\r\nbody\r\n";
        InboundMail m = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> PARSER.parse(raw.getBytes(StandardCharsets.US_ASCII)));
        assertThat(m.to()).extracting(MailAddress::address).contains("support@demo.mailtask");
        assertThat(m.textBody()).isEqualTo("body\n");
    }
}
