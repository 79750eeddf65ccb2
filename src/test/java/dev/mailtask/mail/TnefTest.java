package dev.mailtask.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** winmail.dat bodies made of RTF and Outlook items embedded in winmail.dat, on MimeKit's samples. */
class TnefTest {

    private static final MailParser PARSER = new MailParser();

    private static InboundMail winmail(String sample) throws MailParseException {
        Path dir = Corpus.require("mimekit/UnitTests/TestData/tnef");
        return PARSER.parse(CorpusConformanceTest.winmailMail(Corpus.read(dir.resolve(sample))));
    }

    @Test
    void rtfOnlyBodyBecomesTextAndStaysAsBodyRtf() throws Exception {
        InboundMail m = winmail("rtf.tnef");

        assertThat(m.textBody()).startsWith("aafgag'alga'kgk\n\nagka;kgag\n\n\naf;kafkk'g\n")
                .contains("\n\\hge\nrgtad\n").endsWith("978-318-6939 (Fax)");
        assertThat(m.htmlBody()).isNull();
        assertThat(m.attachments()).extracting(MailAttachment::fileName).containsExactly("body.rtf");
    }

    @Test
    void htmlMadeRtfGivesTheHtmlBodyAndNoBodyRtf() throws Exception {
        InboundMail m = winmail("multi-value-attribute.tnef");

        assertThat(m.htmlBody()).startsWith("<html><head>")
                .contains("You received a voice mail from Curie Conf Room at <a style=\"color: #3399ff; \" "
                        + "href=\"tel:208225\">208225</a>.</div>")
                .endsWith("</body></html>");
        assertThat(m.textBody()).startsWith("You received a voice mail from Curie Conf Room at 208225.");
        assertThat(m.attachments()).extracting(MailAttachment::fileName)
                .containsExactly("208225__5_seconds__Voice_Mail.mp3");
    }

    @Test
    void embeddedOutlookItemsBecomeMailsNamedByTheirTitle() throws Exception {
        InboundMail m = winmail("christmas.tnef");

        assertThat(m.attachments()).extracting(MailAttachment::fileName, MailAttachment::contentType)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("kitten-playing-with-a-christmas-tree.jpg", "image/jpeg"),
                        org.assertj.core.groups.Tuple.tuple("Build a train table.eml", "message/rfc822"),
                        org.assertj.core.groups.Tuple.tuple("Christmas Celebration!.eml", "message/rfc822"),
                        org.assertj.core.groups.Tuple.tuple("body.rtf", "application/rtf"));
        InboundMail party = PARSER.parse(m.attachments().get(2).content());
        assertThat(party.subject()).isEqualTo("Christmas Celebration!");
        assertThat(party.from()).isEqualTo(new MailAddress("", "Jeffrey Stedfast"));
        assertThat(party.date()).isEqualTo(java.time.Instant.parse("2018-12-15T14:49:23Z"));
        assertThat(party.textBody()).isEqualTo("It's time for everyone to open their Christmas presents!");
        assertThat(party.attachments()).extracting(MailAttachment::fileName)
                .containsExactly("kitten-playing-with-a-christmas-tree.jpg", "body.rtf");
        assertThat(party.attachments().get(0).content()).isEqualTo(m.attachments().get(0).content());
    }
}
