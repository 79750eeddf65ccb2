package dev.mailtask.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtask.mail.InboundMail;
import dev.mailtask.mail.MailAddress;
import dev.mailtask.mail.MailAttachment;
import dev.mailtask.mail.MailParser;
import dev.mailtask.mail.report.ReportKind;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MailComposerTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-14T07:15:00Z"), ZoneOffset.UTC);
    static final MailComposer COMPOSER = new MailComposer(CLOCK);

    static OutgoingMail.Builder simple() {
        return OutgoingMail.builder()
                .from("support@demo.mailtask", "Acme Support")
                .to("carol@client.example", "Carol Client")
                .subject("[#42] Printer")
                .text("Hello Carol,\nit works again.\n")
                .messageId("mt.42.7.3.aaaaaaaaaaaaaaaa@demo.mailtask");
    }

    static String compose(OutgoingMail mail) {
        return new String(COMPOSER.compose(mail), StandardCharsets.US_ASCII);
    }

    static MimeMessage jakarta(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    static String headerSection(String mail) {
        return mail.substring(0, mail.indexOf("\r\n\r\n") + 2);
    }

    @Nested
    class ExactOutput {

        @Test
        void simpleCommentMail() {
            assertThat(compose(simple().replyTo("support+rabcdefghijklmnopqrstuvwxyz@demo.mailtask")
                    .inReplyTo("try-1@client.example").references(List.of("try-1@client.example")).build()))
                    .isEqualTo("Date: Tue, 14 May 2024 07:15:00 +0000\r\n"
                            + "From: Acme Support <support@demo.mailtask>\r\n"
                            + "To: Carol Client <carol@client.example>\r\n"
                            + "Reply-To: support+rabcdefghijklmnopqrstuvwxyz@demo.mailtask\r\n"
                            + "Subject: [#42] Printer\r\n"
                            + "Message-ID: <mt.42.7.3.aaaaaaaaaaaaaaaa@demo.mailtask>\r\n"
                            + "In-Reply-To: <try-1@client.example>\r\n"
                            + "References: <try-1@client.example>\r\n"
                            + "MIME-Version: 1.0\r\n"
                            + "Content-Type: text/plain; charset=UTF-8\r\n"
                            + "Content-Transfer-Encoding: quoted-printable\r\n"
                            + "\r\n"
                            + "Hello Carol,\r\n"
                            + "it works again.\r\n");
        }

        @Test
        void automaticMailCarriesAutoSubmittedAndLoopHeader() {
            String out = compose(simple().automatic(true).loopId("demo.mailtask").build());

            assertThat(headerSection(out)).contains("\r\nAuto-Submitted: auto-generated\r\n"
                    + "X-Auto-Response-Suppress: All\r\n"
                    + "X-Mailtask-Loop: demo.mailtask\r\n"
                    + "MIME-Version: 1.0\r\n");
        }

        @Test
        void aPersonsCommentHasNoAutoSubmitted() {
            String out = compose(simple().automatic(false).loopId("demo.mailtask").build());

            assertThat(headerSection(out)).doesNotContain("Auto-Submitted", "X-Auto-Response-Suppress")
                    .contains("\r\nX-Mailtask-Loop: demo.mailtask\r\n");
        }

        @Test
        void dateUsesTheClocksZone() {
            MailComposer moscow = new MailComposer(Clock.fixed(Instant.parse("2024-01-02T03:04:05.678Z"),
                    ZoneId.of("Europe/Moscow")));

            assertThat(new String(moscow.compose(simple().build()), StandardCharsets.US_ASCII))
                    .startsWith("Date: Tue, 2 Jan 2024 06:04:05 +0300\r\n");
        }

        @Test
        void sameInputSameBytes() {
            OutgoingMail mail = simple().html("<p>x</p>").attach("a.bin", "application/octet-stream", new byte[] {1})
                    .build();

            assertThat(COMPOSER.compose(mail)).isEqualTo(COMPOSER.compose(mail));
        }

        @Test
        void cyrillicDisplayNamesAndSubjectAreEncodedWords() {
            String out = compose(simple().from("support@demo.mailtask", "Служба поддержки")
                    .to(new MailAddress("ivan@example.ru", "Иван Петров"))
                    .subject("[#42] Принтер не печатает").build());

            assertThat(headerSection(out))
                    .contains("\r\nFrom: =?UTF-8?B?0KHQu9GD0LbQsdCwINC/0L7QtNC00LXRgNC20LrQuA==?=\r\n"
                            + " <support@demo.mailtask>\r\n")
                    .contains("\r\nTo: Carol Client <carol@client.example>,\r\n"
                            + " =?UTF-8?B?0JjQstCw0L0g0J/QtdGC0YDQvtCy?= <ivan@example.ru>\r\n")
                    // the tag stays readable; the Cyrillic words share one encoded word with their spaces
                    .contains("\r\nSubject: [#42] =?UTF-8?B?0J/RgNC40L3RgtC10YAg0L3QtSDQv9C10YfQsNGC0LDQtdGC?=\r\n");
        }

        @Test
        void displayNamesAreAtomsQuotedOrEncoded() {
            String out = compose(simple().to("a@x.example", "Dave").cc("b@x.example", "Smith, Dave")
                    .cc("c@x.example", "Say \"hi\" \\ o/").cc("d@x.example", "=?UTF-8?Q?fake?=")
                    .cc("e@x.example", "").build());

            assertThat(headerSection(out))
                    .contains("\r\nCc: \"Smith, Dave\" <b@x.example>, \"Say \\\"hi\\\" \\\\ o/\" <c@x.example>,\r\n"
                            + " =?UTF-8?B?PT9VVEYtOD9RP2Zha2U/PQ==?= <d@x.example>, e@x.example\r\n");
        }

        @Test
        void longReferencesAreFoldedBetweenIds() {
            List<String> refs = List.of("first-message-id-of-the-thread@client.example",
                    "second-message-id-of-the-thread@client.example", "mt.42.7.3.aaaaaaaaaaaaaaaa@demo.mailtask");

            assertThat(headerSection(compose(simple().references(refs).build())))
                    .contains("\r\nReferences: <first-message-id-of-the-thread@client.example>\r\n"
                            + " <second-message-id-of-the-thread@client.example>\r\n"
                            + " <mt.42.7.3.aaaaaaaaaaaaaaaa@demo.mailtask>\r\n");
        }

        @Test
        void longSubjectsFoldWithinSeventySixCharacters() throws Exception {
            String subject = "[#42] " + "Принтер на третьем этаже снова не печатает, ".repeat(5)
                    + "and an ASCII tail that goes on and on and on to make the line long enough";
            String out = compose(simple().subject(subject).build());

            for (String line : headerSection(out).split("\r\n")) {
                assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
            }
            assertThat(jakarta(out.getBytes(StandardCharsets.US_ASCII)).getSubject()).isEqualTo(subject.strip());
        }

        @Test
        void aVeryLongAsciiWordIsEncodedSoItCanBeFolded() throws Exception {
            String subject = "[#42] " + "x".repeat(500);
            String out = compose(simple().subject(subject).build());

            for (String line : headerSection(out).split("\r\n")) {
                assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
            }
            assertThat(jakarta(out.getBytes(StandardCharsets.US_ASCII)).getSubject()).isEqualTo(subject);
        }

        @Test
        void subjectWithEncodedWordLookalikeIsEncoded() throws Exception {
            String out = compose(simple().subject("[#42] =?UTF-8?B?SGk=?= literally").build());

            assertThat(headerSection(out)).contains("\r\nSubject: [#42] =?UTF-8?B?PT9VVEYtOD9CP1NHaz0/PQ==?= literally\r\n");
            assertThat(jakarta(out.getBytes(StandardCharsets.US_ASCII)).getSubject())
                    .isEqualTo("[#42] =?UTF-8?B?SGk=?= literally");
        }

        @Test
        void emptySubject() {
            assertThat(headerSection(compose(simple().subject("").build()))).contains("\r\nSubject:\r\n");
        }

        @Test
        void internationalisedDomainsAreWrittenInAscii() {
            OutgoingMail mail = simple().to("ivan@пример.рф", "").build();

            assertThat(mail.to().get(1).address()).isEqualTo("ivan@xn--e1afmkfd.xn--p1ai");
            assertThat(headerSection(compose(mail))).contains("\r\nTo: Carol Client <carol@client.example>, ivan@xn--e1afmkfd.xn--p1ai\r\n");
        }

        @Test
        void messageIdInAngleBracketsIsAccepted() {
            assertThat(simple().messageId("<a@b.example>").build().messageId()).isEqualTo("a@b.example");
        }

        @Test
        void multipartStructureAndBoundaries() {
            String out = compose(simple().text("Hi").html("<p>Hi</p>")
                    .attach("Отчёт.pdf", "Application/PDF", new byte[] {1, 2, 3}).build());

            assertThat(out.substring(out.indexOf("MIME-Version"))).isEqualTo("MIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/mixed; boundary=\"=_mt_m_78a3b53729b2d3c94f144ae6\"\r\n"
                    + "\r\n"
                    + "--=_mt_m_78a3b53729b2d3c94f144ae6\r\n"
                    + "Content-Type: multipart/alternative;\r\n"
                    + " boundary=\"=_mt_a_78a3b53729b2d3c94f144ae6\"\r\n"
                    + "\r\n"
                    + "--=_mt_a_78a3b53729b2d3c94f144ae6\r\n"
                    + "Content-Type: text/plain; charset=UTF-8\r\n"
                    + "Content-Transfer-Encoding: quoted-printable\r\n"
                    + "\r\n"
                    + "Hi\r\n"
                    + "\r\n"
                    + "--=_mt_a_78a3b53729b2d3c94f144ae6\r\n"
                    + "Content-Type: text/html; charset=UTF-8\r\n"
                    + "Content-Transfer-Encoding: quoted-printable\r\n"
                    + "\r\n"
                    + "<p>Hi</p>\r\n"
                    + "\r\n"
                    + "--=_mt_a_78a3b53729b2d3c94f144ae6--\r\n"
                    + "\r\n"
                    + "--=_mt_m_78a3b53729b2d3c94f144ae6\r\n"
                    + "Content-Type: application/pdf; name=\"=?UTF-8?B?0J7RgtGH0ZHRgi5wZGY=?=\"\r\n"
                    + "Content-Disposition: attachment;\r\n"
                    + " filename*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82.pdf\r\n"
                    + "Content-Transfer-Encoding: base64\r\n"
                    + "\r\n"
                    + "AQID\r\n"
                    + "\r\n"
                    + "--=_mt_m_78a3b53729b2d3c94f144ae6--\r\n");
        }

        @Test
        void longFileNamesUseRfc2231ContinuationsSplitBetweenCharacters() {
            String name = "Отчёт за май 2024 года (окончательная версия).pdf";
            String out = compose(simple().attach(name, "application/pdf", new byte[] {1}).build());

            assertThat(out).contains("Content-Disposition: attachment;\r\n"
                    + " filename*0*=UTF-8''%D0%9E%D1%82%D1%87%D1%91%D1%82%20%D0%B7%D0%B0;\r\n"
                    + " filename*1*=%20%D0%BC%D0%B0%D0%B9%202024%20%D0%B3%D0%BE%D0%B4;\r\n"
                    + " filename*2*=%D0%B0%20%28%D0%BE%D0%BA%D0%BE%D0%BD%D1%87%D0%B0%D1%82;\r\n"
                    + " filename*3*=%D0%B5%D0%BB%D1%8C%D0%BD%D0%B0%D1%8F%20%D0%B2%D0%B5;\r\n"
                    + " filename*4*=%D1%80%D1%81%D0%B8%D1%8F%29.pdf\r\n");
        }
    }

    @Nested
    class QuotedPrintableBodies {

        @Test
        void escapesEqualsTrailingSpaceFromAndNonAscii() {
            String out = compose(simple().text("a = b  \r\nFrom here\rПривет\tend\t\n.\nlast").build());

            assertThat(out.substring(out.indexOf("\r\n\r\n") + 4)).isEqualTo("a =3D b =20\r\n"
                    + "=46rom here\r\n"
                    + "=D0=9F=D1=80=D0=B8=D0=B2=D0=B5=D1=82\tend=09\r\n"
                    + ".\r\n"
                    + "last\r\n");
        }

        @Test
        void longLinesGetSoftBreaksWithinSeventySix() throws Exception {
            String text = "word ".repeat(40) + "Ж".repeat(60) + "=".repeat(30) + " ";
            String out = compose(simple().text(text).build());

            for (String line : out.split("\r\n")) {
                assertThat(line.length()).as(line).isLessThanOrEqualTo(76);
            }
            assertThat(jakarta(out.getBytes(StandardCharsets.US_ASCII)).getContent()).isEqualTo(text + "\r\n");
        }

        @Test
        void emptyBody() throws Exception {
            byte[] raw = COMPOSER.compose(simple().text("").build());

            assertThat(new String(raw, StandardCharsets.US_ASCII)).endsWith("quoted-printable\r\n\r\n");
            assertThat(jakarta(raw).getContent()).isEqualTo("");
        }

        @Test
        void outputIsSevenBitWithCrlfOnly() {
            byte[] raw = COMPOSER.compose(simple().subject("Ünïcödé 🎉").text("ü\n🎉\r\n\u0000\u0007")
                    .from("support@demo.mailtask", "Ärger 🎉").html("<b>ß</b>")
                    .attach("🎉.txt", "text/plain", "ß".getBytes(StandardCharsets.UTF_8)).build());

            for (int i = 0; i < raw.length; i++) {
                assertThat(raw[i] & 0xFF).isBetween(1, 126);
                if (raw[i] == '\n') {
                    assertThat(raw[i - 1]).isEqualTo((byte) '\r');
                }
                if (raw[i] == '\r') {
                    assertThat(raw[i + 1]).isEqualTo((byte) '\n');
                }
            }
        }
    }

    @Nested
    class RoundTrip {

        static final String TEXT = "Здравствуйте, Иван!\n\nПринтер починили.\nFrom now on: ok = fine.   \n"
                + "A long line: " + "lorem ipsum ".repeat(20) + "\n";
        static final byte[] PDF = "%PDF-1.4 fake".getBytes(StandardCharsets.US_ASCII);
        static final byte[] BIN = new byte[3000];

        static {
            for (int i = 0; i < BIN.length; i++) {
                BIN[i] = (byte) (i * 31);
            }
        }

        static OutgoingMail full() {
            return OutgoingMail.builder()
                    .from("support@demo.mailtask", "Служба поддержки «Акме»")
                    .to("ivan@example.ru", "Иван Петров").to("carol@client.example", "Carol \"CC\" Client")
                    .cc("dave@client.example", "Smith, Dave").cc("zoe@client.example", "")
                    .replyTo("support+rabcdefghijklmnopqrstuvwxyz@demo.mailtask")
                    .subject("[#42] Принтер на третьем этаже снова не печатает — "
                            + "и это уже третий раз за неделю, please help!!!")
                    .text(TEXT)
                    .html("<p>Здравствуйте, <b>Иван</b>!</p>")
                    .attach("Отчёт за май 2024 года (окончательная версия).pdf", "application/pdf", PDF)
                    .attach("photo 1.jpg", "image/jpeg", BIN)
                    .attach("empty.txt", "text/plain", new byte[0])
                    .messageId("mt.42.1007.5.l6m7z5mu7zt3fglw@demo.mailtask")
                    .inReplyTo("try-1@client.example")
                    .references(List.of("root@client.example", "try-1@client.example"))
                    .automatic(false)
                    .loopId("demo.mailtask")
                    .build();
        }

        @Test
        void jakartaMailReadsBackEveryField() throws Exception {
            MimeMessage m = jakarta(COMPOSER.compose(full()));

            assertThat(m.getSubject()).isEqualTo(full().subject());
            InternetAddress from = (InternetAddress) m.getFrom()[0];
            assertThat(from.getAddress()).isEqualTo("support@demo.mailtask");
            assertThat(from.getPersonal()).isEqualTo("Служба поддержки «Акме»");
            assertThat(Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                    .map(a -> ((InternetAddress) a).getPersonal() + "|" + ((InternetAddress) a).getAddress()))
                    .containsExactly("Иван Петров|ivan@example.ru", "Carol \"CC\" Client|carol@client.example");
            assertThat(Arrays.stream(m.getRecipients(Message.RecipientType.CC))
                    .map(a -> ((InternetAddress) a).getPersonal() + "|" + ((InternetAddress) a).getAddress()))
                    .containsExactly("Smith, Dave|dave@client.example", "null|zoe@client.example");
            assertThat(((InternetAddress) m.getReplyTo()[0]).getAddress())
                    .isEqualTo("support+rabcdefghijklmnopqrstuvwxyz@demo.mailtask");
            assertThat(m.getMessageID()).isEqualTo("<mt.42.1007.5.l6m7z5mu7zt3fglw@demo.mailtask>");
            assertThat(m.getHeader("In-Reply-To", null)).isEqualTo("<try-1@client.example>");
            assertThat(m.getHeader("References", null).replaceAll("\\s+", " "))
                    .isEqualTo("<root@client.example> <try-1@client.example>");
            assertThat(m.getHeader("X-Mailtask-Loop", null)).isEqualTo("demo.mailtask");
            assertThat(m.getHeader("Auto-Submitted")).isNull();
            assertThat(m.getSentDate()).isEqualTo(java.util.Date.from(Instant.parse("2024-05-14T07:15:00Z")));

            Multipart mixed = (Multipart) m.getContent();
            assertThat(mixed.getCount()).isEqualTo(4);
            Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
            assertThat(alternative.getBodyPart(0).getContent()).isEqualTo(TEXT.replace("\n", "\r\n"));
            assertThat(alternative.getBodyPart(1).getContent()).isEqualTo("<p>Здравствуйте, <b>Иван</b>!</p>\r\n");
            BodyPart pdf = mixed.getBodyPart(1);
            assertThat(pdf.getFileName()).isEqualTo("Отчёт за май 2024 года (окончательная версия).pdf");
            assertThat(pdf.getContentType()).startsWith("application/pdf");
            assertThat(pdf.getInputStream().readAllBytes()).isEqualTo(PDF);
            assertThat(mixed.getBodyPart(2).getFileName()).isEqualTo("photo 1.jpg");
            assertThat(mixed.getBodyPart(2).getInputStream().readAllBytes()).isEqualTo(BIN);
            assertThat(mixed.getBodyPart(3).getFileName()).isEqualTo("empty.txt");
            assertThat(mixed.getBodyPart(3).getInputStream().readAllBytes()).isEmpty();
        }

        @Test
        void ourParserReadsBackEveryField() throws Exception {
            InboundMail m = new MailParser().parse(COMPOSER.compose(full())).withReport();

            assertThat(m.subject()).isEqualTo(full().subject());
            assertThat(m.from()).isEqualTo(new MailAddress("support@demo.mailtask", "Служба поддержки «Акме»"));
            assertThat(m.to()).containsExactly(new MailAddress("ivan@example.ru", "Иван Петров"),
                    new MailAddress("carol@client.example", "Carol \"CC\" Client"));
            assertThat(m.cc()).containsExactly(new MailAddress("dave@client.example", "Smith, Dave"),
                    new MailAddress("zoe@client.example", ""));
            assertThat(m.replyTo()).containsExactly(
                    new MailAddress("support+rabcdefghijklmnopqrstuvwxyz@demo.mailtask", ""));
            assertThat(m.messageId()).isEqualTo("mt.42.1007.5.l6m7z5mu7zt3fglw@demo.mailtask");
            assertThat(m.inReplyTo()).isEqualTo("try-1@client.example");
            assertThat(m.references()).containsExactly("root@client.example", "try-1@client.example");
            assertThat(m.date()).isEqualTo(Instant.parse("2024-05-14T07:15:00Z"));
            assertThat(m.header("X-Mailtask-Loop")).isEqualTo("demo.mailtask");
            assertThat(m.textBody()).isEqualTo(TEXT);
            assertThat(m.htmlBody()).isEqualTo("<p>Здравствуйте, <b>Иван</b>!</p>\n");
            assertThat(m.attachments()).extracting(MailAttachment::fileName).containsExactly(
                    "Отчёт за май 2024 года (окончательная версия).pdf", "photo 1.jpg", "empty.txt");
            assertThat(m.attachments()).extracting(MailAttachment::contentType)
                    .containsExactly("application/pdf", "image/jpeg", "text/plain");
            assertThat(m.attachments().get(0).content()).isEqualTo(PDF);
            assertThat(m.attachments().get(1).content()).isEqualTo(BIN);
            assertThat(m.report().kind()).isEqualTo(ReportKind.NONE);
        }

        @Test
        void automaticMailIsSeenAsAutomaticByOurParser() throws Exception {
            InboundMail m = new MailParser().parse(COMPOSER.compose(simple().automatic(true).build())).withReport();

            assertThat(m.header("Auto-Submitted")).isEqualTo("auto-generated");
            assertThat(m.report().kind()).isEqualTo(ReportKind.AUTO_GENERATED);
        }
    }

    @Nested
    class HeaderInjection {

        static final String[] EVIL = {"\r\nBcc: victim@evil.example", "\n", "\r", "\u0000", "\u0007", "\u007F",
            "\u0085", "\u2028", "\t"};

        static Stream<Arguments> strictFields() {
            return Stream.of(EVIL).flatMap(evil -> Stream.<Arguments>of(
                    field("from", b -> b.from("support@demo.mailtask" + evil, "x")),
                    field("to[1]", b -> b.to("eve" + evil + "@x.example", "")),
                    field("cc[0]", b -> b.cc("dave@client.example" + evil, "")),
                    field("replyTo", b -> b.replyTo("support+r" + evil + "@demo.mailtask")),
                    field("messageId", b -> b.messageId("mt.1" + evil + "@demo.mailtask")),
                    field("inReplyTo", b -> b.inReplyTo("a@b" + evil)),
                    field("references[1]", b -> b.references(List.of("ok@x.example", evil + "a@b"))),
                    field("loopId", b -> b.loopId("demo" + evil)),
                    field("attachment contentType", b -> b.attach("a.txt", "text/plain" + evil, new byte[0]))));
        }

        static Arguments field(String name, UnaryOperator<OutgoingMail.Builder> edit) {
            return Arguments.of(name, edit);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("strictFields")
        void controlCharactersInStrictFieldsAreRefusedNamingTheField(String field,
                UnaryOperator<OutgoingMail.Builder> edit) {
            assertThatThrownBy(() -> edit.apply(simple()).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(field + ": ")
                    .hasMessageNotContaining("\r").hasMessageNotContaining("\n");
        }

        @Test
        void crlfMessageSaysInjection() {
            assertThatThrownBy(() -> simple().to("eve@x.example\r\nBcc: victim@evil.example", "").build())
                    .hasMessage("to[1]: control character U+000D refused (header injection) in "
                            + "\"eve@x.example\\u000D\\u000ABcc: victim@evil.example\"");
        }

        @Test
        void subjectDisplayNamesAndFileNamesHaveControlsReplacedBySpaces() throws Exception {
            OutgoingMail mail = simple()
                    .subject("[#42] Printer\r\nBcc: victim@evil.example\u0000\u2028x")
                    .from("support@demo.mailtask", "Acme\r\nBcc: victim@evil.example")
                    .to("eve@x.example", "Eve\nX-Evil: 1")
                    .attach("a\r\nContent-Type: text/html\r\n\r\n<script>.txt", "text/plain", new byte[] {1})
                    .build();

            assertThat(mail.subject()).isEqualTo("[#42] Printer Bcc: victim@evil.example x");
            assertThat(mail.from().name()).isEqualTo("Acme Bcc: victim@evil.example");
            assertThat(mail.to().get(1).name()).isEqualTo("Eve X-Evil: 1");
            // the '/' of "text/html" starts a path: only the last segment stays
            assertThat(mail.attachments().get(0).fileName()).isEqualTo("html <script>.txt");

            byte[] raw = COMPOSER.compose(mail);
            String out = new String(raw, StandardCharsets.US_ASCII);
            assertThat(headerSection(out)).doesNotContain("\r\nBcc", "\r\nX-Evil", "\r\nContent-Type: text/html");
            MimeMessage m = jakarta(raw);
            assertThat(m.getHeader("Bcc")).isNull();
            assertThat(m.getHeader("X-Evil")).isNull();
            assertThat(m.getSubject()).isEqualTo("[#42] Printer Bcc: victim@evil.example x");
            assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("Acme Bcc: victim@evil.example");
            assertThat(((Multipart) m.getContent()).getBodyPart(1).getFileName())
                    .isEqualTo("html <script>.txt");
        }

        @Test
        void fileNamesLoseTheirPath() {
            assertThat(new OutgoingMail.Attachment("C:\\Users\\x\\..\\report.pdf", "application/pdf", new byte[0])
                    .fileName()).isEqualTo("report.pdf");
            assertThat(new OutgoingMail.Attachment("../../etc/passwd", "text/plain", new byte[0]).fileName())
                    .isEqualTo("passwd");
            assertThat(new OutgoingMail.Attachment("dir/", "text/plain", new byte[0]).fileName())
                    .isEqualTo("attachment");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a b@x.example", "a@b@x.example", "abc", "@x.example", "a@", "a@-x.example",
            "a@x..example", "\"q r\"@x.example", "a..b@x.example", ".a@x.example", "ivan.иванов@x.example",
            "a@[192.0.2.1]", "a@x.example (comment)", "<a@x.example>", "a@x_y.example", "a,b@x.example"})
        void invalidAddressesAreRefused(String address) {
            assertThatThrownBy(() -> simple().cc(address, "").build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cc[0]: ");
        }

        @Test
        void overlongLocalPartIsRefused() {
            assertThatThrownBy(() -> simple().to("a".repeat(65) + "@x.example", "").build())
                    .hasMessageStartingWith("to[1]: invalid local part");
        }

        @ParameterizedTest
        @ValueSource(strings = {"no-at-sign", "a@", "@b", "a b@c", "a<b@c", "a@b@c", "\"a\"@b", ""})
        void invalidMessageIdsAreRefused(String id) {
            assertThatThrownBy(() -> simple().messageId(id).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("messageId: ");
        }

        @ParameterizedTest
        @ValueSource(strings = {"text", "text/", "/plain", "text/plain; charset=utf-8", "text/plain ",
            "multipart/mixed", "message/rfc822", "téxt/plain"})
        void invalidContentTypesAreRefused(String type) {
            assertThatThrownBy(() -> new OutgoingMail.Attachment("a", type, new byte[0]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("attachment contentType: ");
        }

        @Test
        void loopIdMustBeATokenAndRecipientsAreRequired() {
            assertThatThrownBy(() -> simple().loopId("a b").build()).hasMessageStartingWith("loopId: ");
            assertThatThrownBy(() -> simple().loopId("a;b").build()).hasMessageStartingWith("loopId: ");
            assertThatThrownBy(() -> OutgoingMail.builder().from("a@x.example", "").messageId("a@b").build())
                    .hasMessageStartingWith("to: no recipient");
            assertThatThrownBy(() -> OutgoingMail.builder().to("a@x.example", "").messageId("a@b").build())
                    .hasMessageStartingWith("from: missing");
            assertThatThrownBy(() -> simple().messageId(null).build()).hasMessageStartingWith("messageId: missing");
        }
    }
}
