package dev.mailtask.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** MailParser over the hand-made mails in src/test/resources/eml (made by generate.py there). */
class MailParserTest {

    private static final MailParser PARSER = new MailParser();

    static byte[] resource(String name) {
        try (InputStream in = MailParserTest.class.getResourceAsStream("/eml/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test mail " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InboundMail parse(String name) throws MailParseException {
        return PARSER.parse(resource(name));
    }

    @Nested
    class EncodedWordSubjects {

        @Test
        void koi8rEncodedWordSubjectAndDisplayName() throws Exception {
            InboundMail m = parse("koi8r-encoded-subject.eml");

            assertThat(m.subject()).isEqualTo("Отчёт о работе принтера");
            assertThat(m.from()).isEqualTo(new MailAddress("ivan@example.ru", "Иван Петров"));
            assertThat(m.textBody()).isEqualTo("Принтер на третьем этаже снова не печатает.\n");
            assertThat(m.date()).isEqualTo(Instant.parse("2024-05-14T07:15:00Z"));
            assertThat(m.header("subject")).isEqualTo("Отчёт о работе принтера");
        }

        @Test
        void windows1251QuotedPrintableSubject() throws Exception {
            InboundMail m = parse("cp1251-q-subject.eml");

            assertThat(m.subject()).isEqualTo("Заявка: не работает почта");
            assertThat(m.from().name()).isEqualTo("Ольга Смирнова");
            assertThat(m.textBody()).isEqualTo("Почта не открывается с утра.\n");
        }

        @Test
        void windows1251Base64SubjectSplitOverTwoLines() throws Exception {
            InboundMail m = parse("cp1251-b-subject.eml");

            assertThat(m.subject()).isEqualTo("Счёт №42 на оплату");
        }

        @Test
        void utf8CyrillicSubjectSplitInsideACharacterDisplayNamesAndBody() throws Exception {
            InboundMail m = parse("utf8-cyrillic.eml");

            assertThat(m.subject()).isEqualTo("Привет, мир — тестовое письмо");
            assertThat(m.from()).isEqualTo(new MailAddress("petr@example.ru", "Пётр Сидоров"));
            assertThat(m.to()).containsExactly(new MailAddress("support@example.com", "Support Desk"));
            // raw 8-bit UTF-8 display name, no encoded word at all
            assertThat(m.cc()).containsExactly(new MailAddress("anna@example.ru", "Анна Кузнецова"));
            assertThat(m.textBody()).isEqualTo("Добрый день!\nЭто письмо в UTF-8.\n");
            assertThat(m.header("Cc")).isEqualTo("Анна Кузнецова <anna@example.ru>");
        }

        @Test
        void iso2022jpSubject() throws Exception {
            assertThat(parse("iso2022jp-subject.eml").subject()).isEqualTo("テスト");
        }
    }

    @Nested
    class UndeclaredEightBit {

        @Test
        void windows1251BodyWithoutCharset() throws Exception {
            InboundMail m = parse("undeclared-cp1251-body.eml");

            assertThat(m.textBody())
                    .isEqualTo("Здравствуйте!\nПрошу починить принтер в комнате 305.\nСпасибо, Ольга.\n");
        }

        @Test
        void koi8rSubjectAndDisplayNameWithoutAnyCharsetLabel() throws Exception {
            InboundMail m = parse("undeclared-koi8r-subject.eml");

            assertThat(m.subject()).isEqualTo("Не печатает принтер");
            assertThat(m.from()).isEqualTo(new MailAddress("ivan@example.ru", "Иван Петров"));
            assertThat(m.header("Subject")).isEqualTo("Не печатает принтер");
            assertThat(m.textBody()).isEqualTo("Hello\n");
        }

        @Test
        void rawUtf8SubjectBuiltInMemory() throws Exception {
            byte[] raw = concat("From: a@example.com\r\nSubject: ".getBytes(StandardCharsets.US_ASCII),
                    "Ошибка входа — срочно".getBytes(StandardCharsets.UTF_8),
                    "\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII));

            assertThat(PARSER.parse(raw).subject()).isEqualTo("Ошибка входа — срочно");
        }

        @Test
        void rawWindows1251SubjectTakesTheBodyCharsetAsHint() throws Exception {
            Charset cp1251 = Charset.forName("windows-1251");
            byte[] raw = concat("From: a@example.com\r\nSubject: ".getBytes(StandardCharsets.US_ASCII),
                    "СРОЧНО".getBytes(cp1251),
                    ("\r\nContent-Type: text/plain; charset=windows-1251\r\n\r\n").getBytes(StandardCharsets.US_ASCII),
                    "Текст".getBytes(cp1251));

            InboundMail m = PARSER.parse(raw);

            assertThat(m.subject()).isEqualTo("СРОЧНО");
            assertThat(m.textBody()).isEqualTo("Текст");
        }

        @Test
        void bogusCharsetLabelsFallBackToDetection() throws Exception {
            InboundMail m = parse("bogus-charset.eml");

            assertThat(m.subject()).isEqualTo("Тест");
            assertThat(m.textBody()).isEqualTo("Проверка связи.\n");
        }

        @Test
        void invalidUtf8BytesBecomeReplacementCharacters() throws Exception {
            byte[] raw = concat(
                    "From: a@example.com\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII),
                    "Здравствуйте".getBytes(StandardCharsets.UTF_8),
                    new byte[] {(byte) 0xD0});

            assertThat(PARSER.parse(raw).textBody()).isEqualTo("Здравствуйте\uFFFD");
        }
    }

    @Nested
    class Bodies {

        @Test
        void htmlOnlyMailIsRenderedAsText() throws Exception {
            InboundMail m = parse("html-only.eml");

            assertThat(m.textBody()).isEqualTo("""
                    Printer problem

                    Hello team,
                    the printer on floor 3 is broken.

                    Please check:

                    - toner
                    - paper & tray

                    Details are on the wiki (https://wiki.example.com/printers), see also https://example.com.

                    Regards,
                    Анна""");
            assertThat(m.htmlBody())
                    .startsWith("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">")
                    .contains("<h1>Printer&nbsp;problem</h1>", "<div>Анна</div>")
                    .doesNotContain("\r");
            assertThat(m.attachments()).isEmpty();
        }

        @Test
        void alternativeKeepsBothBodiesAndNoAttachments() throws Exception {
            InboundMail m = parse("alternative.eml");

            assertThat(m.textBody()).isEqualTo("Plain version.\nSecond line.");
            assertThat(m.htmlBody())
                    .isEqualTo("<html><body><p>HTML version.</p><p>Second paragraph.</p></body></html>");
            assertThat(m.attachments()).isEmpty();
        }

        @Test
        void mailWithoutMessageIdSubjectOrFrom() throws Exception {
            InboundMail m = parse("no-from-subject-id.eml");

            assertThat(m.from()).isNull();
            assertThat(m.subject()).isEmpty();
            assertThat(m.messageId()).isNull();
            assertThat(m.inReplyTo()).isNull();
            assertThat(m.references()).isEmpty();
            assertThat(m.date()).isNull();
            assertThat(m.htmlBody()).isNull();
            assertThat(m.to()).containsExactly(new MailAddress("support@example.com", ""));
            assertThat(m.textBody()).isEqualTo("Just a body.\n");
            assertThat(m.headers()).extracting(MailHeader::name).containsExactly("To", "MIME-Version");
        }

        @Test
        void crlfAndCrLineEndsBecomeLf() throws Exception {
            byte[] raw = "From: a@example.com\r\n\r\none\r\ntwo\rthree\n".getBytes(StandardCharsets.US_ASCII);

            assertThat(PARSER.parse(raw).textBody()).isEqualTo("one\ntwo\nthree\n");
        }

        @Test
        void malformedStructureParsesLeniently() throws Exception {
            InboundMail m = parse("malformed-lenient.eml");

            // a part without headers is text/plain; the missing end boundary ends the last part at EOF;
            // "AAEC!!AwQF Bg" decodes what it can
            assertThat(m.textBody()).isEqualTo("Part without headers is text/plain.");
            assertThat(m.attachments()).singleElement().satisfies(a -> {
                assertThat(a.fileName()).isEqualTo("data.bin");
                assertThat(a.content()).containsExactly(0, 1, 2, 3, 4, 5, 6);
            });
        }

        @Test
        void multipartWithoutBoundaryLinesIsText() throws Exception {
            InboundMail m = parse("missing-boundary.eml");

            assertThat(m.textBody()).isEqualTo("Only text, no parts.\n");
            assertThat(m.attachments()).isEmpty();
        }

        @Test
        void fiftyLevelsOfNestingAreStillParsed() throws Exception {
            assertThat(parse("nested-50.eml").textBody()).isEqualTo("deepest text");
        }
    }

    @Nested
    class Attachments {

        @Test
        void allAttachmentKindsInMimeOrder() throws Exception {
            InboundMail m = parse("attachments.eml");

            assertThat(m.textBody()).isEqualTo("See attached.");
            assertThat(m.htmlBody()).isEqualTo("<p>See attached. <img src=\"cid:logo123@example.com\"></p>");
            assertThat(m.attachments())
                    .extracting(MailAttachment::fileName, MailAttachment::contentType, MailAttachment::size,
                            MailAttachment::contentId, MailAttachment::inline)
                    .containsExactly(
                            tuple("logo.png", "image/png", 70L, "logo123@example.com", true),
                            tuple("Отчёт.pdf", "application/pdf", 26L, null, false),
                            tuple("Протокол совещания.txt", "text/plain", 17L, null, false),
                            tuple("Квартальный отчёт.eml", "message/rfc822", 223L, null, false),
                            tuple("notes.txt", "text/plain", 28L, null, false),
                            tuple("Смета.xlsx", "application/octet-stream", 4L, null, false),
                            tuple("empty.json", "application/json", 0L, null, false),
                            tuple("attachment-8.zip", "application/zip", 22L, null, false));
        }

        @Test
        void attachmentContentIsTheDecodedBytes() throws Exception {
            List<MailAttachment> a = parse("attachments.eml").attachments();

            assertThat(a.get(0).content()).startsWith(0x89, 'P', 'N', 'G');
            assertThat(new String(a.get(1).content(), StandardCharsets.US_ASCII))
                    .isEqualTo("%PDF-1.4\n% tiny test file\n");
            // a text attachment keeps its bytes in its own charset
            assertThat(new String(a.get(2).content(), Charset.forName("windows-1251")))
                    .isEqualTo("Повестка: бюджет.");
            assertThat(new String(a.get(3).content(), StandardCharsets.US_ASCII))
                    .startsWith("From: Carol <carol@example.com>\r\n")
                    .endsWith("\r\n\r\nThe forwarded text.");
            assertThat(a.get(4).content()).asString(StandardCharsets.US_ASCII)
                    .isEqualTo("second text part with a name");
            assertThat(a.get(5).content()).containsExactly(0, 1, 2, 3);
            assertThat(a.get(6).content()).isEmpty();
        }

        @Test
        void attachedMailsAreNamedByDeclaredNameSubjectOrMessageEml() throws Exception {
            InboundMail m = parse("attached-messages.eml");

            assertThat(m.textBody()).isEqualTo("Two mails attached.");
            assertThat(m.attachments())
                    .extracting(MailAttachment::fileName, MailAttachment::contentType, MailAttachment::size)
                    .containsExactly(
                            tuple("message.eml", "message/rfc822", 58L),
                            tuple("original.eml", "message/rfc822", 45L));
            assertThat(m.attachments().get(1).content()).asString(StandardCharsets.US_ASCII)
                    .isEqualTo("From: z@example.com\r\nSubject: Inner\r\n\r\nbody\r\n");
        }

        @Test
        void redundantAlternativeRenderingsAreNotAttachmentsButCalendarIs() throws Exception {
            String mail = """
                    From: a@example.com
                    Content-Type: multipart/alternative; boundary=x

                    --x
                    Content-Type: text/plain

                    plain
                    --x
                    Content-Type: text/watch-html

                    <b>watch</b>
                    --x
                    Content-Type: text/html

                    <b>html</b>
                    --x
                    Content-Type: text/calendar; method=REQUEST

                    BEGIN:VCALENDAR
                    --x--
                    """;

            InboundMail m = PARSER.parse(mail.getBytes(StandardCharsets.US_ASCII));

            assertThat(m.textBody()).isEqualTo("plain");
            assertThat(m.htmlBody()).isEqualTo("<b>html</b>");
            assertThat(m.attachments()).extracting(MailAttachment::fileName, MailAttachment::contentType)
                    .containsExactly(tuple("attachment-1.ics", "text/calendar"));
        }

        @Test
        void textPartWithAttachmentDispositionIsNotTheBody() throws Exception {
            String mail = """
                    From: a@example.com
                    Content-Type: multipart/mixed; boundary=x

                    --x
                    Content-Type: text/plain
                    Content-Disposition: attachment; filename="log.txt"

                    log line
                    --x
                    Content-Type: text/html

                    <p>Body</p>
                    --x--
                    """;

            InboundMail m = PARSER.parse(mail.getBytes(StandardCharsets.US_ASCII));

            assertThat(m.textBody()).isEqualTo("Body");
            assertThat(m.htmlBody()).isEqualTo("<p>Body</p>");
            assertThat(m.attachments()).extracting(MailAttachment::fileName).containsExactly("log.txt");
        }

        @Test
        void pathsAreStrippedFromFileNames() throws Exception {
            String mail = """
                    From: a@example.com
                    Content-Type: application/pdf; name="C:\\\\Users\\\\me\\\\report.pdf"

                    x
                    """;

            assertThat(PARSER.parse(mail.getBytes(StandardCharsets.US_ASCII)).attachments())
                    .extracting(MailAttachment::fileName).containsExactly("report.pdf");
        }
    }

    @Nested
    class AddressesAndThreading {

        @Test
        void deliveredToThenXOriginalToWithoutDuplicates() throws Exception {
            InboundMail m = parse("delivery-threading.eml");

            assertThat(m.deliveredTo()).containsExactly(
                    new MailAddress("Support@Example.com", ""),
                    new MailAddress("helpdesk@example.com", ""));
        }

        @Test
        void addressHeadersAreLenient() throws Exception {
            InboundMail m = parse("delivery-threading.eml");

            assertThat(m.from()).isEqualTo(new MailAddress("sender@example.org", "Sender, Sam"));
            assertThat(m.to()).containsExactly( // the group is flattened
                    new MailAddress("alice@example.com", ""),
                    new MailAddress("bob@example.com", "Bob B."),
                    new MailAddress("carol@example.com", ""));
            assertThat(m.cc()).containsExactly( // "broken@@example.com" is dropped, the rest is kept
                    new MailAddress("dave@example.com", "Dave D."),
                    new MailAddress("eve@example.com", "unterminated"));
            assertThat(m.replyTo()).containsExactly(new MailAddress("replies@example.org", ""));
        }

        @Test
        void messageIdInReplyToAndReferencesWithoutBrackets() throws Exception {
            InboundMail m = parse("delivery-threading.eml");

            assertThat(m.messageId()).isEqualTo("reply-3@example.org");
            assertThat(m.inReplyTo()).isEqualTo("orig-2@example.com");
            assertThat(m.references())
                    .containsExactly("root-1@example.com", "orig-2@example.com", "missing-brackets@example.com");
            assertThat(m.date()).isEqualTo(Instant.parse("2024-05-16T12:00:00Z"));
        }

        @Test
        void headersInOrderUnfoldedAndDecoded() throws Exception {
            InboundMail m = parse("delivery-threading.eml");

            assertThat(m.headers()).extracting(MailHeader::name).containsExactly(
                    "Return-Path", "Delivered-To", "Received", "Delivered-To", "X-Original-To", "From", "To",
                    "Cc", "Reply-To", "Subject", "Date", "Message-ID", "In-Reply-To", "References");
            assertThat(m.header("references"))
                    .isEqualTo("<root-1@example.com> <orig-2@example.com>   missing-brackets@example.com");
            assertThat(m.header("Delivered-To")).isEqualTo("Support@Example.com");
        }

        @Test
        void completelyBrokenAddressHeaderDoesNotFailTheMail() throws Exception {
            String mail = "From: <<<@>>> ,,, \"\r\nTo: (((\r\nCc: junk text with x@example.net inside\r\n\r\nbody";

            InboundMail m = PARSER.parse(mail.getBytes(StandardCharsets.US_ASCII));

            assertThat(m.from()).isNull();
            assertThat(m.to()).isEmpty();
            assertThat(m.cc()).extracting(MailAddress::address).containsExactly("x@example.net");
            assertThat(m.textBody()).isEqualTo("body");
        }
    }

    @Nested
    class Failures {

        @Test
        void emptyInput() {
            assertThatThrownBy(() -> PARSER.parse(new byte[0]))
                    .isInstanceOf(MailParseException.class)
                    .hasMessageContaining("Empty input");
        }

        @Test
        void nullInput() {
            assertThatThrownBy(() -> PARSER.parse(null)).isInstanceOf(MailParseException.class);
        }

        @Test
        void onlyLineBreaks() {
            assertThatThrownBy(() -> PARSER.parse("\r\n\r\n\n".getBytes(StandardCharsets.US_ASCII)))
                    .isInstanceOf(MailParseException.class)
                    .hasMessageContaining("only line breaks");
        }

        @Test
        void binaryGarbage() {
            assertThatThrownBy(() -> parse("binary-garbage.eml"))
                    .isInstanceOf(MailParseException.class)
                    .hasMessageContaining("no well-formed header field")
                    .hasMessageContaining("\\x89PNG");
        }

        @Test
        void textWithoutHeaders() {
            assertThatThrownBy(() -> PARSER.parse("Hello,\n\nthis is not a mail.\n".getBytes(StandardCharsets.US_ASCII)))
                    .isInstanceOf(MailParseException.class)
                    .hasMessageContaining("Not a mail");
        }

        @Test
        void nestingDeeperThanFiftyLevels() {
            assertThatThrownBy(() -> parse("nested-60.eml"))
                    .isInstanceOf(MailParseException.class)
                    .hasMessageContaining("nested deeper than 50 levels");
        }
    }

    @Test
    void oneParserIsSafeToShareBetweenThreads() throws Exception {
        List<String> names = List.of("koi8r-encoded-subject.eml", "cp1251-q-subject.eml", "utf8-cyrillic.eml",
                "html-only.eml", "attachments.eml", "undeclared-koi8r-subject.eml", "delivery-threading.eml");
        List<InboundMail> expected = new ArrayList<>();
        for (String n : names) {
            expected.add(parse(n));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 40; round++) {
                for (int i = 0; i < names.size(); i++) {
                    int idx = i;
                    results.add(pool.submit(() -> sameResult(expected.get(idx), parse(names.get(idx)))));
                }
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean sameResult(InboundMail a, InboundMail b) {
        if (a.attachments().size() != b.attachments().size()) {
            return false;
        }
        for (int i = 0; i < a.attachments().size(); i++) {
            MailAttachment x = a.attachments().get(i);
            MailAttachment y = b.attachments().get(i);
            if (!x.fileName().equals(y.fileName()) || !java.util.Arrays.equals(x.content(), y.content())) {
                return false;
            }
        }
        return a.subject().equals(b.subject()) && a.textBody().equals(b.textBody())
                && java.util.Objects.equals(a.htmlBody(), b.htmlBody()) && a.from().equals(b.from())
                && a.headers().equals(b.headers()) && a.to().equals(b.to());
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
