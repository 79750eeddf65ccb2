package dev.mailtask.mail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/**
 * Our parser against what other mail software expects of the same mail (the shared corpus). Each test
 * prints {@code corpus <name>: N messages, M fields compared, K mismatches} and fails on a mismatch that
 * src/test/resources/corpus/deviations.txt does not explain. Skipped when ../shared/corpus is absent.
 */
class CorpusConformanceTest {

    private static final MailParser PARSER = new MailParser();
    private static final ObjectMapper JSON = new ObjectMapper();

    // ================================================================= stalwart mail-parser

    /**
     * Stalwart's NNN.json: the decoded headers and the JMAP-style body structure (text_body, html_body,
     * attachments as part indexes). The text body compares with whitespace runs collapsed (line ends and
     * the separator between joined parts are representation, not content).
     */
    @Test
    void stalwartMailParser() throws Exception {
        Path root = Corpus.require("stalwart-mail-parser/resources/eml");
        Corpus.Run run = new Corpus.Run("stalwart-mail-parser");
        for (String folder : List.of("rfc", "malformed", "thirdparty")) {
            List<Path> emls;
            try (Stream<Path> s = Files.list(root.resolve(folder))) {
                emls = s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
            }
            for (Path eml : emls) {
                Path json = eml.resolveSibling(eml.getFileName().toString().replace(".eml", ".json"));
                if (!Files.exists(json)) {
                    continue;
                }
                run.messages++;
                stalwartOne(run, folder + "/" + eml.getFileName(), Corpus.read(eml), JSON.readTree(json.toFile()));
            }
        }
        run.finish();
    }

    private static void stalwartOne(Corpus.Run run, String file, byte[] raw, JsonNode exp) {
        InboundMail m;
        try {
            m = PARSER.parse(raw);
        } catch (MailParseException e) {
            run.check(file, "parse", "InboundMail", "MailParseException: " + e.getMessage());
            return;
        }
        JsonNode parts = exp.get("parts");
        JsonNode top = parts.get(0);

        List<String> from = addresses(header(top, "from"));
        if (from != null) {
            run.check(file, "from", from.isEmpty() ? "" : from.get(0), m.from() == null ? "" : show(m.from()));
        }
        run.check(file, "to", addresses(header(top, "to")), showAll(m.to()));
        run.check(file, "cc", addresses(header(top, "cc")), showAll(m.cc()));
        run.check(file, "reply-to", addresses(header(top, "reply_to")), showAll(m.replyTo()));
        run.check(file, "subject", text(header(top, "subject")), m.subject());
        JsonNode date = header(top, "date");
        if (date != null) {
            run.check(file, "date", String.valueOf(date(date)), String.valueOf(m.date()));
        }
        run.check(file, "message-id", text(header(top, "message_id")), m.messageId());
        run.check(file, "in-reply-to", text(header(top, "in_reply_to")), m.inReplyTo());

        StringBuilder text = new StringBuilder();
        for (JsonNode i : exp.get("text_body")) {
            JsonNode body = parts.get(i.asInt()).get("body");
            if (body.has("Text")) {
                text.append(body.get("Text").asText()).append('\n');
            } else if (body.has("Html")) {
                text.append(HtmlToText.render(body.get("Html").asText())).append('\n');
            }
        }
        run.check(file, "text", collapse(text.toString()), collapse(m.textBody()));
        boolean html = false;
        for (JsonNode i : exp.get("html_body")) {
            html |= parts.get(i.asInt()).get("body").has("Html");
        }
        run.check(file, "has-html", html, m.htmlBody() != null);

        List<String> expected = new ArrayList<>();
        for (JsonNode i : exp.get("attachments")) {
            expected.add(stalwartAttachment(parts.get(i.asInt())));
        }
        List<String> ours = new ArrayList<>();
        for (MailAttachment a : m.attachments()) {
            ours.add(attachmentLine(a, null));
        }
        // names we generate for unnamed parts are compared as "(none)"
        run.check(file, "attachments", expected, ours);
    }

    /** "name | type | size | cid" with name "(none)" for an unnamed part. */
    private static String stalwartAttachment(JsonNode part) {
        JsonNode ct = header(part, "content_type");
        JsonNode cd = header(part, "content_disposition");
        String name = attribute(cd, "filename");
        if (name == null) {
            name = attribute(ct, "name");
        }
        JsonNode body = part.get("body");
        String type;
        if (ct != null && ct.has("ContentType")) {
            JsonNode c = ct.get("ContentType");
            type = (c.get("c_type").asText() + "/" + c.path("c_subtype").asText("")).toLowerCase(Locale.ROOT);
        } else {
            type = body.has("Message") ? "message/rfc822" : "text/plain";
        }
        long size;
        if (body.has("Binary")) {
            size = body.get("Binary").size();
        } else if (body.has("InlineBinary")) {
            size = body.get("InlineBinary").size();
        } else if (body.has("Text")) {
            size = body.get("Text").asText().getBytes(StandardCharsets.UTF_8).length;
        } else if (body.has("Html")) {
            size = body.get("Html").asText().getBytes(StandardCharsets.UTF_8).length;
        } else if (body.has("Message")) {
            JsonNode inner = body.get("Message").get("parts").get(0);
            size = inner.get("offset_end").asLong() - inner.get("offset_header").asLong();
        } else {
            size = -1;
        }
        String cid = text(header(part, "content_id"));
        if (cid != null) {
            cid = cid.replaceAll("^<|>$", "");
        }
        return line(name, type, size, cid);
    }

    private static String line(String name, String type, long size, String cid) {
        return (name == null ? "(none)" : name) + " | " + type + " | " + size + " | " + cid;
    }

    /** Our attachment in the same form; {@code textSize}, when given, replaces the byte count. */
    private static String attachmentLine(MailAttachment a, Long textSize) {
        String name = a.generatedName() ? null : a.fileName();
        long size = a.size();
        if (a.contentType().startsWith("text/")) {
            // the peer counts decoded text (UTF-8); we keep the bytes as sent
            size = CharsetDetection.decode(a.content(), a.charset(), null).getBytes(StandardCharsets.UTF_8).length;
        }
        return line(name, a.contentType(), textSize != null ? textSize : size, a.contentId());
    }

    private static JsonNode header(JsonNode part, String name) {
        for (JsonNode h : part.get("headers")) {
            if (h.get("name").isTextual() && h.get("name").asText().equals(name)) {
                return h.get("value");
            }
        }
        return null;
    }

    private static String attribute(JsonNode v, String name) {
        if (v == null || !v.has("ContentType")) {
            return null;
        }
        JsonNode attrs = v.get("ContentType").get("attributes");
        if (attrs == null || !attrs.isArray()) {
            return null;
        }
        for (JsonNode a : attrs) {
            if (a.get("name").asText().equalsIgnoreCase(name)) {
                return a.get("value").asText();
            }
        }
        return null;
    }

    private static String text(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.has("Text")) {
            return v.get("Text").asText();
        }
        if (v.has("TextList") && v.get("TextList").size() > 0) {
            return v.get("TextList").get(0).asText();
        }
        return v.isTextual() ? "" : null;
    }

    private static List<String> addresses(JsonNode v) {
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        JsonNode a = v.get("Address");
        if (a == null) {
            return out;
        }
        if (a.has("List")) {
            for (JsonNode x : a.get("List")) {
                out.add(show(x));
            }
        } else if (a.has("Group")) {
            for (JsonNode g : a.get("Group")) {
                for (JsonNode x : g.get("addresses")) {
                    out.add(show(x));
                }
            }
        }
        return out;
    }

    private static String show(JsonNode x) {
        String name = x.get("name").isNull() ? "" : x.get("name").asText();
        String addr = x.get("address").isNull() ? "" : x.get("address").asText();
        return name + " <" + addr + ">";
    }

    private static String show(MailAddress a) {
        return a.name() + " <" + a.address() + ">";
    }

    private static List<String> showAll(List<MailAddress> list) {
        return list.stream().map(CorpusConformanceTest::show).toList();
    }

    private static Instant date(JsonNode v) {
        JsonNode d = v.get("DateTime");
        if (d == null) {
            return null;
        }
        int sign = d.get("tz_before_gmt").asBoolean() ? -1 : 1;
        ZoneOffset off = ZoneOffset.ofHoursMinutes(sign * d.get("tz_hour").asInt(), sign * d.get("tz_minute").asInt());
        return LocalDateTime.of(d.get("year").asInt(), d.get("month").asInt(), d.get("day").asInt(),
                d.get("hour").asInt(), d.get("minute").asInt(), d.get("second").asInt()).toInstant(off);
    }

    // ================================================================= Redmine

    /** The parsing table of redmine/EXPECTED.md (subjects, descriptions, senders, attachments). */
    @Test
    void redmine() throws Exception {
        Path dir = Corpus.require("redmine/test/fixtures/mail_handler");
        Corpus.Run run = new Corpus.Run("redmine");
        String jaSha = "f2ca1bb6c7e907d06dafe4687e579fce76b37e4e93b7605022da52e6ccc26fd2";
        String umlauts = "ÄäÖöÜü".repeat(11);

        Exp.of(run, dir, "apple_mail_with_attachment.eml").attachment("paella.jpg", null, 10790,
                "4474dd534c36bdd212e2efc549507377c3e77147c9167b66dedcebfe9da8807f");
        Exp.of(run, dir, "ticket_with_attachment.eml").subject("Ticket created by email with attachment")
                .textContains("This is  a new ticket with attachments").attachmentCount(1)
                .attachment("Paella.jpg", "image/jpeg", 10790, null);
        Exp.of(run, dir, "thunderbird_with_attachment_ja.eml").attachment("テスト.txt", null, 5, jaSha);
        Exp.of(run, dir, "gmail_with_attachment_ja.eml").attachment("テスト.txt", null, 5, jaSha);
        Exp.of(run, dir, "thunderbird_with_attachment_iso-8859-1.eml").attachment(umlauts + ".png", null, 130,
                "5635d67364de20432247e651dfe86fcb2265ad5e9750bd8bba7319a86363e738");
        Exp.of(run, dir, "gmail_with_attachment_iso-8859-1.eml").attachment(umlauts + ".txt", null, 5, jaSha);
        Exp.of(run, dir, "ticket_with_text_attachment_iso-8859-2.eml").attachmentCount(1)
                .attachmentBytes("latin2.txt", "p\u00F8\u00EDli\u00B9 \u00BEluou\u00E8k\u00FD k\u00F9n"
                        .getBytes(StandardCharsets.ISO_8859_1));
        Exp.of(run, dir, "ticket_with_empty_attachment.eml").attachmentCount(0);
        Exp.of(run, dir, "invalid_utf8.eml").text("Здравствуйте?");
        Exp.of(run, dir, "subject_as_iso-8859-1.eml").subject("Testmail from Webmail: ä ö ü...");
        Exp.of(run, dir, "quoted_printable_utf8.eml").text("Freundliche Grüsse");
        Exp.of(run, dir, "gmail-iso8859-2.eml").textContains("Na štriku se suši šosić.");
        Exp.of(run, dir, "subject_japanese_1.eml").subject("テスト");
        Exp.of(run, dir, "subject_japanese_2.eml").subject("Re: テスト");
        Exp.of(run, dir, "subject_japanese_3.eml").subjectContains("丸数字テスト");
        Exp.of(run, dir, "japanese_keywords_iso_2022_jp.eml").textContains("Tracker: 開発");
        Exp.of(run, dir, "body_ks_c_5601-1987.eml").text("고맙습니다.");
        Exp.of(run, dir, "no_subject_header.eml").subject("(no subject)");
        Exp.of(run, dir, "multiple_text_parts.eml").textContains("first").textContains("second")
                .textContains("third").textLacks("Plain text attachment").attachmentNamed("textfile.txt");
        Exp.of(run, dir, "empty_text_part.eml").text("The html part.");
        Exp.of(run, dir, "empty_text_and_html_part.eml").text("");
        Exp.of(run, dir, "different_contents_in_text_and_html.eml").text("The text part.")
                .htmlContains("The html part.");
        Exp.of(run, dir, "ticket_html_only.eml").subject("HTML email")
                .text("This is a *html-only* email.\r\n\r\nh1. With a title\r\n\r\nand a paragraph.");
        Exp.of(run, dir, "outlook_web_access_2010_html_only.eml").subject("Upgrade Redmine to 3.0.x")
                .text("A mess.\r\n\r\n--Geoff Maciolek\r\nMYCOMPANYNAME, LLC");
        Exp.of(run, dir, "outlook_2010_html_only.eml").subject("Test email").text("Simple, unadorned test email "
                + "generated by Outlook 2010. It is in HTML format, but no special formatting has been chosen. I’m "
                + "going to save this as a draft and then manually drop it into the Inbox for scraping by Redmine "
                + "3.0.2.");
        Exp.of(run, dir, "smime_signature.eml").subject("Self-Signed S/MIME signature")
                .text("smime.sh.txt describes how to create Self-Signed S/MIME Certs.").attachmentCount(2)
                .attachment("smime.sh.txt", "text/plain", -1, null)
                .attachment("smime.p7s", "application/pkcs7-signature", -1, null);
        Exp.of(run, dir, "ticket_with_long_subject.eml").subjectLength(255);
        Exp.of(run, dir, "fullname_of_sender_as_utf8_encoded.eml").from("foo@example.org", "Ää Öö");
        Exp.of(run, dir, "fullname_of_sender_in_parentheses.eml").from("jdoe@example.net", "John Doe");
        Exp.of(run, dir, "ticket_without_from_header.eml").noFrom();
        Exp.of(run, dir, "ticket_by_unknown_user.eml").from("john.doe@somenet.foo", "John Doe")
                .cc("dlopper@somenet.foo");
        Exp.of(run, dir, "ticket_from_emission_address.eml").fromAddress("redmine@example.net");
        Exp.of(run, dir, "ticket_reply.eml").inReplyToStarts("redmine.issue-2.").textContains("This is reply");
        Exp.of(run, dir, "ticket_reply_with_status.eml")
                .subject("Re: [Cookbook - Feature #2] (New) Add ingredients categories");
        Exp.of(run, dir, "issue_update_with_cc.eml").cc("dlopper@somenet.foo");
        Exp.of(run, dir, "message_reply.eml").inReplyToStarts("redmine.message-2.").subject("Reply via email");
        Exp.of(run, dir, "message_reply_by_subject.eml").subjectContains("[eCookbook - Help board - msg2]");
        Exp.of(run, dir, "news_reply.eml").textContains("This is a reply to a news.");
        Exp.of(run, dir, "news_comment_reply.eml").textContains("This is a reply to a comment.");
        run.finish();
    }

    // ================================================================= RT

    /** rt/EXPECTED.md, translated from RT's "attachments" (every MIME entity) to our body and files. */
    @Test
    void rt() throws Exception {
        Path dir = Corpus.require("rt/t/data/emails");
        Corpus.Run run = new Corpus.Run("rt");
        Exp.of(run, dir, "russian-subject-no-content-type").subject("тест тест").attachmentCount(0)
                .textContains("ТЕСТ");
        Exp.of(run, dir, "multipart-report").textContains("The original message was received")
                .attachmentTypes("message/delivery-status", "message/rfc822");
        Exp.of(run, dir, "new-ticket-from-iso-8859-1").textContains("Håvard");
        // 3 RT entities: the alternative, its text and its HTML
        Exp.of(run, dir, "multipart-alternative-with-umlaut").textContains("causes Error")
                .htmlContains("causes Error").attachmentCount(0);
        Exp.of(run, dir, "text-html-with-umlaut").htmlContains("causes Error").textContains("causes Error");
        Exp.of(run, dir, "nested-rfc-822").subject("[Jonas Liljegren] Re: [Para] Nivåer?")
                .attachmentTypes("message/rfc822");
        // 3 RT entities: the body and two uuencoded files, of which Notes sends one here
        Exp.of(run, dir, "notes-uuencoded").textContains("from Lotus Notes").attachmentNamed("Naz_Head.jpg")
                .textLacks("begin 644");
        Exp.of(run, dir, "crashes-file-based-parser").textContains("FYI");
        Exp.of(run, dir, "rt-send-cc").parses();
        Exp.of(run, dir, "subject-with-folding-ws").subject("test");
        Exp.of(run, dir, "very-long-subject").subject("0123456789".repeat(20));
        Exp.of(run, dir, "outlook-rfc822").subject("outlook basic test")
                .attachmentNamed("Updates to our terms of use.eml");
        Exp.of(run, dir, "rfc2231-attachment-filename-continuations")
                .attachmentNamed("新しいテキスト ドキュメント.txt");
        Exp.of(run, dir, "email-file-attachment.eml")
                .textContains("This is a test with an email file attachment").attachmentNamed("test-email.eml")
                .attachedMailSubject("test-email.eml", "This is a test");
        Exp.of(run, dir, "email-file-attachment-2.eml")
                .textContains("This is a test with a multipart email file attachment")
                .attachmentNamed("test-email-2.eml").subject("This is another test")
                // EXPECTED.md gives "This is another test" as the attached mail's subject; in the file it is
                // the outer mail's, and the attached mail has none
                .attachedMailSubject("test-email-2.eml", "");
        run.finish();
    }

    // ================================================================= Thunderbird

    @Test
    void thunderbirdSamples() throws Exception {
        Path dir = Corpus.require("thunderbird-samples/mail/components/extensions/test/xpcshell/messages");
        Corpus.Run run = new Corpus.Run("thunderbird-samples");
        Exp.of(run, dir, "sample04.eml").subject("Алфавит\n").text("Вопрос\n").messageId("04.eml@mime.sample");
        Exp.of(run, dir, "sample05.eml").subject("Алфавит\n").text("Вопрос\n").messageId("05.eml@mime.sample");
        run.finish();
    }

    // ================================================================= MimeKit

    /**
     * MimeKit's TNEF samples: each .tnef, sent as a winmail.dat attachment, must yield every file its .list
     * names ({@code body.rtf}/{@code body.html} name the body), with the bytes of the extracted file in the
     * sample's folder when there is one; plus ukr.eml, rich-text.eml and the body.N.txt body choices.
     */
    @Test
    void mimekit() throws Exception {
        Path tnef = Corpus.require("mimekit/UnitTests/TestData/tnef");
        Corpus.Run run = new Corpus.Run("mimekit");
        List<Path> lists;
        try (Stream<Path> s = Files.list(tnef)) {
            lists = s.filter(p -> p.toString().endsWith(".list")).sorted().toList();
        }
        for (Path list : lists) {
            String base = list.getFileName().toString().replace(".list", "");
            Path data = tnef.resolve(base + ".tnef");
            if (!Files.exists(data)) {
                continue;
            }
            run.messages++;
            String file = base + ".tnef";
            InboundMail m = PARSER.parse(winmailMail(Corpus.read(data)));
            List<String> names = m.attachments().stream().map(MailAttachment::fileName).toList();
            for (String want : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                want = want.trim();
                if (want.isEmpty()) {
                    continue;
                }
                if (want.equals("body.html")) {
                    run.require(file, "html body", m.htmlBody() != null, String.valueOf(m.htmlBody() != null));
                } else {
                    run.require(file, "attachment " + want, names.contains(want), names.toString());
                }
            }
            run.require(file, "no winmail.dat left", !names.contains("winmail.dat"), names.toString());
            Path extracted = tnef.resolve(base);
            if (Files.isDirectory(extracted)) {
                for (MailAttachment a : m.attachments()) {
                    Path f = extracted.resolve(a.fileName());
                    if (!a.generatedName() && Files.isRegularFile(f) && !isNormalisedText(a.fileName())) {
                        run.check(file, "sha256 " + a.fileName(), Corpus.sha256(Corpus.read(f)),
                                Corpus.sha256(a.content()));
                    }
                }
            }
        }
        Exp.of(run, tnef, "ukr.eml").htmlContains("<p>шостий</p>").textContains("шостий");
        Exp.of(run, tnef, "rich-text.eml").messageId(
                "DM5PR21MB0828DA2B8C88048BC03EFFA6CFA20@DM5PR21MB0828.namprd21.prod.outlook.com").subject("")
                .attachmentNamed("kitten-playing-with-a-christmas-tree.jpg");

        Path messages = Corpus.require("mimekit/UnitTests/TestData/messages");
        String text = "This is the text body.";
        String html = "<html>This is an <b>html</b> body.</html>";
        String[][] bodies = {{text, null}, {null, html}, {text, html}, {null, html}, {text, html}, {text, html},
            {text, html}, {text, null}, {null, html}};
        for (int i = 0; i < bodies.length; i++) {
            Exp e = Exp.of(run, messages, "body." + (i + 1) + ".txt");
            if (bodies[i][0] != null) {
                e.text(bodies[i][0]);
            }
            e.html(bodies[i][1]);
        }
        run.finish();
    }

    private static boolean isNormalisedText(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".htm") || n.endsWith(".ini") || n.endsWith(".dat") || n.endsWith(".cfg")
                || n.endsWith(".src") || n.equals("authors") || n.equals("readme");
    }

    /** A mail that carries {@code tnef} as winmail.dat, the way Outlook sends it. */
    static byte[] winmailMail(byte[] tnef) {
        String b64 = java.util.Base64.getMimeEncoder().encodeToString(tnef);
        String mail = "From: a@example.com\r\nTo: b@example.com\r\nSubject: tnef\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
                + "\r\n--b\r\nContent-Type: application/ms-tnef; name=\"winmail.dat\"\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"winmail.dat\"\r\n"
                + "\r\n" + b64 + "\r\n--b--\r\n";
        return mail.getBytes(StandardCharsets.US_ASCII);
    }

    /** Expectations on one corpus file, each one a compared field. */
    static final class Exp {
        final Corpus.Run run;
        final String file;
        final InboundMail m;

        private Exp(Corpus.Run run, String file, InboundMail m) {
            this.run = run;
            this.file = file;
            this.m = m;
        }

        static Exp of(Corpus.Run run, Path dir, String name) {
            run.messages++;
            try {
                return new Exp(run, name, PARSER.parse(Corpus.read(dir.resolve(name))));
            } catch (MailParseException e) {
                run.check(name, "parse", "InboundMail", "MailParseException: " + e.getMessage());
                return new Exp(run, name, null);
            }
        }

        private boolean ok() {
            return m != null;
        }

        Exp parses() {
            run.require(file, "parse", ok(), "failed");
            return this;
        }

        Exp subject(String s) {
            if (ok()) {
                run.check(file, "subject", s, m.subject());
            }
            return this;
        }

        Exp subjectContains(String s) {
            if (ok()) {
                run.require(file, "subject contains " + s, m.subject().contains(s), m.subject());
            }
            return this;
        }

        Exp subjectLength(int n) {
            if (ok()) {
                run.check(file, "subject length", n, m.subject().length());
            }
            return this;
        }

        Exp messageId(String id) {
            if (ok()) {
                run.check(file, "message-id", id, m.messageId());
            }
            return this;
        }

        Exp inReplyToStarts(String prefix) {
            if (ok()) {
                run.require(file, "in-reply-to", m.inReplyTo() != null && m.inReplyTo().startsWith(prefix),
                        m.inReplyTo());
            }
            return this;
        }

        /** The whole text body; line ends compare as LF and outer blank lines are ignored. */
        Exp text(String s) {
            if (ok()) {
                run.check(file, "text", norm(s), norm(m.textBody()));
            }
            return this;
        }

        private static String norm(String s) {
            return s.replace("\r\n", "\n").strip();
        }

        Exp textContains(String s) {
            if (ok()) {
                run.require(file, "text contains " + s, m.textBody().contains(s), m.textBody());
            }
            return this;
        }

        Exp textLacks(String s) {
            if (ok()) {
                run.require(file, "text lacks " + s, !m.textBody().contains(s), m.textBody());
            }
            return this;
        }

        Exp html(String s) {
            if (ok()) {
                run.check(file, "html", String.valueOf(s), String.valueOf(m.htmlBody() == null ? null
                        : m.htmlBody().strip()));
            }
            return this;
        }

        Exp htmlContains(String s) {
            if (ok()) {
                run.require(file, "html contains " + s, m.htmlBody() != null && m.htmlBody().contains(s),
                        String.valueOf(m.htmlBody()));
            }
            return this;
        }

        Exp from(String address, String name) {
            if (ok()) {
                run.check(file, "from", address + " " + name, m.from() == null ? null
                        : m.from().address() + " " + m.from().name());
            }
            return this;
        }

        Exp fromAddress(String address) {
            if (ok()) {
                run.check(file, "from", address, m.from() == null ? null : m.from().normalized());
            }
            return this;
        }

        Exp noFrom() {
            if (ok()) {
                run.check(file, "from", "null", String.valueOf(m.from()));
            }
            return this;
        }

        Exp cc(String address) {
            if (ok()) {
                run.require(file, "cc " + address, m.cc().stream().anyMatch(a -> a.address().equals(address)),
                        m.cc().toString());
            }
            return this;
        }

        Exp attachmentCount(int n) {
            if (ok()) {
                run.check(file, "attachment count", n, m.attachments().size());
            }
            return this;
        }

        Exp attachmentTypes(String... types) {
            if (ok()) {
                run.check(file, "attachment types", List.of(types),
                        m.attachments().stream().map(MailAttachment::contentType).toList());
            }
            return this;
        }

        private MailAttachment named(String name) {
            return m.attachments().stream().filter(a -> a.fileName().equals(name)).findFirst().orElse(null);
        }

        Exp attachmentNamed(String name) {
            if (ok()) {
                run.require(file, "attachment " + name, named(name) != null,
                        m.attachments().stream().map(MailAttachment::fileName).toList().toString());
            }
            return this;
        }

        /** An attachment by name with type, size and SHA-256 (null or -1: not asserted). */
        Exp attachment(String name, String type, long size, String sha256) {
            if (!ok()) {
                return this;
            }
            MailAttachment a = named(name);
            run.require(file, "attachment " + name, a != null,
                    m.attachments().stream().map(MailAttachment::fileName).toList().toString());
            if (a != null) {
                run.check(file, name + " type", type, a.contentType());
                run.check(file, name + " size", size < 0 ? null : size, a.size());
                run.check(file, name + " sha256", sha256, Corpus.sha256(a.content()));
            }
            return this;
        }

        Exp attachmentBytes(String name, byte[] bytes) {
            return attachment(name, null, bytes.length, Corpus.sha256(bytes));
        }

        Exp attachedMailSubject(String name, String subject) {
            if (!ok()) {
                return this;
            }
            MailAttachment a = named(name);
            String got;
            try {
                got = a == null ? null : PARSER.parse(a.content()).subject();
            } catch (MailParseException e) {
                got = "MailParseException";
            }
            run.check(file, name + " subject", subject, got);
            return this;
        }
    }

    static String collapse(String s) {
        return s == null ? null : s.replaceAll("[\\s\\u00A0]+", " ").trim();
    }

    static byte[] bytes(Path p) throws IOException {
        return Files.readAllBytes(p);
    }
}
