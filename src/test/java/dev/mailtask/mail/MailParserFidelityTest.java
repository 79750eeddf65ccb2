package dev.mailtask.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Body choice (RFC 8621), uuencoded files and base64 junk, on small mails written here. */
class MailParserFidelityTest {

    private static final MailParser PARSER = new MailParser();

    private static InboundMail parse(String mail) throws MailParseException {
        return PARSER.parse(mail.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void inlineTextPartsOfAMixedAreJoinedNamedOnesStayAttachments() throws Exception {
        InboundMail m = parse("""
                From: a@example.com
                Subject: parts
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                first
                --b
                Content-Type: image/png
                Content-Disposition: inline

                PNG
                --b
                Content-Type: text/plain

                second
                --b
                Content-Type: text/plain; name=notes.txt

                a file
                --b--
                """);
        assertThat(m.textBody()).isEqualTo("first\nsecond");
        assertThat(m.htmlBody()).isNull();
        assertThat(m.attachments()).extracting(MailAttachment::fileName, MailAttachment::contentType)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("attachment-1.png", "image/png"),
                        org.assertj.core.groups.Tuple.tuple("notes.txt", "text/plain"));
        assertThat(m.attachments().get(0).generatedName()).isTrue();
        assertThat(m.attachments().get(1).generatedName()).isFalse();
    }

    @Test
    void uuencodedFileInATextBodyBecomesAnAttachment() throws Exception {
        InboundMail m = parse("""
                From: a@example.com
                Subject: notes

                See attached.

                begin 644 hi.txt
                #:&D*
                `
                end

                Bye
                """);
        assertThat(m.textBody()).isEqualTo("See attached.\n\n\n\nBye\n");
        assertThat(m.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("hi.txt");
            assertThat(a.contentType()).isEqualTo("text/plain");
            assertThat(new String(a.content(), StandardCharsets.US_ASCII)).isEqualTo("hi\n");
        });
    }

    @Test
    void textAfterBase64PaddingIsNotDecoded() throws Exception {
        InboundMail m = parse("""
                From: a@example.com
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: base64

                ecO2dMOkIHZhYW4uCg== ignored
                """);
        assertThat(m.textBody()).isEqualTo("yötä vaan.\n");
    }

    @Test
    void senderWithADisplayNameAndAnEmptyAddressKeepsTheName() throws Exception {
        assertThat(MailParserTest.parse("mailer-daemon-from.eml").from()).isEqualTo(new MailAddress("", "MAILER-DAEMON"));
        assertThat(parse("From: \"Mail Delivery Subsystem\" < >\nSubject: x\n\nbody\n").from())
                .isEqualTo(new MailAddress("", "Mail Delivery Subsystem"));
        assertThat(parse("From: =?UTF-8?B?0J/QvtGH0YLQsA==?= <>\nSubject: x\n\nbody\n").from())
                .isEqualTo(new MailAddress("", "Почта"));
        assertThat(parse("From: <>\nSubject: x\n\nbody\n").from()).isNull();
        assertThat(parse("From: MAILER-DAEMON <>\nTo: Someone <>\nSubject: x\n\nbody\n").to()).isEmpty();
    }
}
