package dev.mailtask.mail.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mailtask.mail.InboundMail;
import dev.mailtask.mail.MailParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReplyTextTest {

    private static final MailParser PARSER = new MailParser();

    private static Reply plain(String... lines) {
        return ReplyText.fromPlain(String.join("\n", lines));
    }

    private static void quoteCut(String expected, Reply r) {
        assertEquals(expected, r.text());
        assertTrue(r.quoteCut(), "a quote was cut");
        assertTrue(r.cut());
    }

    private static InboundMail mail(String raw) throws Exception {
        return PARSER.parse(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    class PlainText {

        @Test
        void noQuoteNothingCut() {
            Reply r = plain("Hello,", "", "the printer on floor 2 is on fire again.", "", "Carol");
            assertEquals("Hello,\n\nthe printer on floor 2 is on fire again.\n\nCarol", r.text());
            assertFalse(r.cut());
            assertNull(r.quote());
            assertNull(r.signature());
        }

        @Test
        void gmailTopPost() {
            Reply r = plain("Thanks, it works now.", "",
                    "On Mon, Apr 2, 2012 at 6:26 PM, Bob Support <task+42@demo.mailtask> wrote:", "",
                    "> Please restart the printer.", ">", "> Bob", "");
            quoteCut("Thanks, it works now.", r);
            assertTrue(r.quote().startsWith("On Mon, Apr 2, 2012"));
            assertTrue(r.quote().endsWith("> Bob"));
        }

        @Test
        void gmailAttributionWrappedOverTwoLines() {
            quoteCut("Done.", plain("Done.", "", "On Mon, Apr 2, 2012 at 6:26 PM, Bob Support <",
                    "task+42@demo.mailtask> wrote:", "", "> Please restart the printer."));
        }

        @Test
        void germanGmail() {
            quoteCut("Danke, erledigt.", plain("Danke, erledigt.", "",
                    "Am Mo., 2. Apr. 2012 um 18:26 Uhr schrieb Bob Support <bob@example.de>:", "",
                    "> Bitte den Drucker neu starten."));
        }

        @Test
        void frenchGmail() {
            quoteCut("Merci, c'est réglé.", plain("Merci, c'est réglé.", "",
                    "Le lun. 2 avr. 2012 à 18:26, Bob Support <bob@example.fr> a écrit :", "",
                    "> Merci de redémarrer l'imprimante."));
        }

        @Test
        void spanishGmail() {
            quoteCut("Gracias, ya funciona.", plain("Gracias, ya funciona.", "",
                    "El lun, 2 abr 2012 a las 18:26, Bob Support (<bob@example.es>) escribió:", "",
                    "> Por favor reinicie la impresora."));
        }

        @Test
        void russianGmail() {
            quoteCut("Спасибо, всё работает.", plain("Спасибо, всё работает.", "",
                    "пн, 2 апр. 2012 г. в 18:26, Bob Support <bob@example.ru>:", "",
                    "> Перезагрузите принтер, пожалуйста."));
        }

        @Test
        void russianWroteHeader() {
            quoteCut("Спасибо!", plain("Спасибо!", "", "2 апр. 2012 г., в 18:26, Боб <bob@example.ru> написал(а):",
                    "", "> Перезагрузите принтер."));
        }

        @Test
        void yandex() {
            quoteCut("Привет, всё ок.", plain("Привет, всё ок.", "", "26.06.2014, 14:41, \"Боб\" <bob@yandex.ru>:",
                    "> Как дела?"));
        }

        @Test
        void mailRu() {
            quoteCut("Привет, всё ок.", plain("Привет, всё ок.", "", "",
                    "Понедельник, 2 апреля 2012, 18:26 +04:00 от Боб <bob@mail.ru>:", ">Как дела?"));
        }

        @Test
        void thunderbirdRussian() {
            quoteCut("Принято.", plain("Принято.", "", "02.04.2012 18:26, Боб пишет:", "> Как дела?"));
        }

        @Test
        void outlookOriginalMessage() {
            quoteCut("Hello", plain("Hello", "", "-----Original Message-----", "From: Bob [mailto:bob@example.com]",
                    "Sent: Monday, April 02, 2012 6:26 PM", "To: Carol", "Subject: Printer", "",
                    "Please restart the printer."));
        }

        @Test
        void outlookGermanHeaderBlock() {
            quoteCut("Erledigt.", plain("Erledigt.", "", "________________________________",
                    "Von: Bob <bob@example.de>", "Gesendet: Montag, 2. April 2012 18:26", "An: Carol",
                    "Betreff: Drucker", "", "Bitte den Drucker neu starten."));
        }

        @Test
        void outlookFrenchHeaderBlock() {
            quoteCut("C'est fait.", plain("C'est fait.", "", "De : Bob <bob@example.fr>",
                    "Envoyé : lundi 2 avril 2012 18:26", "À : Carol", "Objet : Imprimante", "",
                    "Merci de redémarrer l'imprimante."));
        }

        @Test
        void outlookSpanishHeaderBlock() {
            quoteCut("Hecho.", plain("Hecho.", "", "De: Bob <bob@example.es>", "Enviado: lunes, 2 de abril de 2012 18:26",
                    "Para: Carol", "Asunto: Impresora", "", "Por favor reinicie la impresora."));
        }

        @Test
        void outlookRussian() {
            quoteCut("Готово.", plain("Готово.", "", "-----Исходное сообщение-----", "От: Боб [mailto:bob@example.ru]",
                    "Отправлено: 2 апреля 2012 г. 18:26", "Кому: Кэрол", "Тема: Принтер", "", "Перезагрузите принтер."));
        }

        @Test
        void bottomPostKeepsWhatIsBelow() {
            Reply r = plain("On 04/02/2012 06:26 PM, Bob wrote:", "> Can you restart it?", "> Thanks", "",
                    "Restarted, works now.");
            quoteCut("Restarted, works now.", r);
            assertEquals("On 04/02/2012 06:26 PM, Bob wrote:\n> Can you restart it?\n> Thanks", r.quote());
        }

        @Test
        void textAboveAndBelowAQuoteBothKept() {
            quoteCut("Hi Bob,\n\nthe answer is below.", plain("Hi Bob,", "", "On Apr 3, 2012, at 4:19 PM, Bob wrote:",
                    "> Q?", "> more", "", "the answer is below."));
        }

        /**
         * Inline answers are kept whole, quotes and all: cutting the quotes would leave answers without
         * their questions, and the quoted lines are marked with ">" so a reader sees what is whose.
         */
        @Test
        void inlineReplyKeptWhole() {
            String body = String.join("\n", "On Apr 3, 2012, at 4:19 PM, Bob <bob@example.com> wrote:",
                    "> Which floor?", "Floor 2.", "", "> Which printer?", "The big one.");
            Reply r = ReplyText.fromPlain(body);
            assertEquals(body, r.text());
            assertFalse(r.quoteCut());
        }

        @Test
        void forwardIsNotCut() {
            String body = String.join("\n", "FYI, see below.", "", "---------- Forwarded message ---------",
                    "From: Dave <dave@client.example>", "Date: Mon, Apr 2, 2012 at 6:26 PM", "Subject: Printer",
                    "To: Carol <carol@client.example>", "", "The printer on floor 2 is on fire.", "", "-- ",
                    "Dave");
            Reply r = ReplyText.fromPlain(body);
            assertEquals(body, r.text());
            assertFalse(r.cut());
        }

        @Test
        void russianForwardIsNotCut() {
            String body = String.join("\n", "Посмотрите, пожалуйста.", "", "-------- Пересылаемое сообщение --------",
                    "02.04.2012, 18:26, \"Боб\" <bob@yandex.ru>:", "", "Принтер горит.");
            assertFalse(ReplyText.fromPlain(body).cut());
        }

        @Test
        void signatureCut() {
            Reply r = plain("Thanks, fixed.", "", "-- ", "Carol Client", "ACME Corp., +1 555 0100");
            assertEquals("Thanks, fixed.", r.text());
            assertEquals("-- \nCarol Client\nACME Corp., +1 555 0100", r.signature());
            assertFalse(r.quoteCut());
            assertTrue(r.signatureCut());
            assertEquals("Thanks, fixed.\n\n-- \nCarol Client\nACME Corp., +1 555 0100", r.textWithSignature());
        }

        @Test
        void signatureAndQuoteCut() {
            Reply r = plain("Thanks, fixed.", "", "-- ", "Carol", "", "On Mon, Apr 2, 2012 at 6:26 PM, Bob <bob@x.com> wrote:",
                    "> Restart it.", "> -- ", "> Bob");
            assertEquals("Thanks, fixed.", r.text());
            assertEquals("-- \nCarol", r.signature());
            assertTrue(r.quoteCut());
        }

        @Test
        void sentFromMyIphoneKept() {
            quoteCut("Ok\n\nSent from my iPhone", plain("Ok", "", "Sent from my iPhone", "",
                    "On Apr 3, 2012, at 4:19 PM, bob <bob@example.com> wrote:", "", "> Hi"));
        }

        @Test
        void strayQuoteLineIsText() {
            Reply r = plain("The log says", "> disk full", "so I cleaned it up.");
            assertEquals("The log says\n> disk full\nso I cleaned it up.", r.text());
            assertFalse(r.cut());
        }

        @Test
        void wroteInProseIsNotAnAttribution() {
            Reply r = plain("As the manual wrote:", "press the red button.");
            assertFalse(r.cut());
        }

        @Test
        void onlyAQuoteLeavesNothing() {
            Reply r = plain("On Mon, Apr 2, 2012 at 6:26 PM, Bob <bob@x.com> wrote:", "> Restart it.", "> Now.");
            assertEquals("", r.text());
            assertTrue(r.quoteCut());
        }
    }

    @Nested
    class Html {

        @Test
        void gmailGerman() {
            Reply r = ReplyText.fromHtml("<div dir=\"ltr\">Danke, erledigt.<div><br></div><div>Carol</div></div><br>"
                    + "<div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">Am Mo., 2. Apr. 2012 um 18:26 Uhr "
                    + "schrieb Bob &lt;<a href=\"mailto:bob@example.de\">bob@example.de</a>&gt;:<br></div>"
                    + "<blockquote class=\"gmail_quote\">Bitte neu starten.</blockquote></div>");
            quoteCut("Danke, erledigt.\n\nCarol", r);
            assertEquals(Reply.Source.HTML, r.source());
            assertFalse(r.html().contains("Bitte"));
        }

        @Test
        void gmailQuoteInAnUnknownLanguageStillCut() {
            quoteCut("Kiitos!", ReplyText.fromHtml("<div>Kiitos!</div><div class=\"gmail_quote\">"
                    + "<div class=\"gmail_attr\">ma 2.4.2012 klo 18.26 Bob kirjoitti</div>"
                    + "<blockquote class=\"gmail_quote\">Hei</blockquote></div>"));
        }

        @Test
        void outlookRussianDivRplyFwdMsg() {
            Reply r = ReplyText.fromHtml("<html><body><div>Готово.</div><div id=\"appendonsend\"></div><hr>"
                    + "<div id=\"divRplyFwdMsg\"><b>От:</b> Боб &lt;bob@example.ru&gt;<br><b>Отправлено:</b> 2 апреля"
                    + " 2012 г. 18:26<br><b>Кому:</b> Кэрол<br><b>Тема:</b> Принтер</div>"
                    + "<div>Перезагрузите принтер.</div></body></html>");
            quoteCut("Готово.", r);
        }

        @Test
        void outlookBorderTopBoxSpanish() {
            quoteCut("Hecho.", ReplyText.fromHtml("<div class=WordSection1><p class=MsoNormal>Hecho.</p>"
                    + "<div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>"
                    + "<p class=MsoNormal><b>De:</b> Bob<br><b>Enviado el:</b> lunes<br><b>Para:</b> Carol</p></div>"
                    + "<p class=MsoNormal>Por favor reinicie la impresora.</p></div>"));
        }

        @Test
        void appleMailFrench() {
            quoteCut("Merci !", ReplyText.fromHtml("<body><div>Merci !</div><div><br><blockquote type=\"cite\">"
                    + "<div>Le 2 avr. 2012 à 18:26, Bob &lt;bob@example.fr&gt; a écrit :</div><br>"
                    + "<div>Redémarrez l'imprimante.</div></blockquote></div></body>"));
        }

        @Test
        void thunderbirdSpanish() {
            quoteCut("Gracias.", ReplyText.fromHtml("<body><p>Gracias.</p><div class=\"moz-cite-prefix\">"
                    + "El 02/04/12 a las 18:26, Bob escribió:<br></div><blockquote type=\"cite\">Reinicie.</blockquote>"
                    + "</body>"));
        }

        @Test
        void yandexRussian() {
            quoteCut("Привет, всё ок.", ReplyText.fromHtml("<div>Привет, всё ок.</div><div>&nbsp;</div>"
                    + "<div>26.06.2014, 14:41, \"Боб\" &lt;bob@yandex.ru&gt;:</div><blockquote>Как дела?</blockquote>"));
        }

        @Test
        void mailRuRussian() {
            quoteCut("Привет, всё ок.", ReplyText.fromHtml("<p>Привет, всё ок.</p><br><br>Понедельник, 2 апреля 2012,"
                    + " 18:26 +04:00 от Боб &lt;bob@mail.ru&gt;:<br><blockquote style=\"border-left:1px solid #0857A6\">"
                    + "<div>Как дела?</div></blockquote>"));
        }

        @Test
        void gmailForwardNotCut() {
            Reply r = ReplyText.fromHtml("<div dir=\"ltr\">FYI</div><br><div class=\"gmail_quote\"><div dir=\"ltr\" "
                    + "class=\"gmail_attr\">---------- Forwarded message ---------<br>From: <b>Dave</b> "
                    + "&lt;dave@client.example&gt;<br>Date: Mon, Apr 2, 2012 at 6:26 PM<br>Subject: Printer<br>"
                    + "To: Carol<br></div><br><div>The printer is on fire.</div></div>");
            assertFalse(r.quoteCut());
            assertTrue(r.text().contains("The printer is on fire."), r.text());
        }

        @Test
        void inlineHtmlReplyKeptWithQuoteMarks() {
            Reply r = ReplyText.fromHtml("<div>On Apr 3, 2012, at 4:19 PM, Bob &lt;bob@x.com&gt; wrote:</div>"
                    + "<blockquote type=\"cite\">Which floor?</blockquote><div>Floor 2.</div>"
                    + "<blockquote type=\"cite\">Which printer?</blockquote><div>The big one.</div>");
            assertFalse(r.quoteCut());
            assertEquals("On Apr 3, 2012, at 4:19 PM, Bob <bob@x.com> wrote:\n\n> Which floor?\n\nFloor 2.\n\n"
                    + "> Which printer?\n\nThe big one.", r.text());
        }

        @Test
        void gmailSignatureElementCut() {
            Reply r = ReplyText.fromHtml("<div dir=\"ltr\">Thanks!<br clear=\"all\"><br>-- <br><div dir=\"ltr\" "
                    + "class=\"gmail_signature\">Carol Client<br>ACME</div></div>");
            assertEquals("Thanks!", r.text());
            assertEquals("--\nCarol Client\nACME", r.signature());
        }
    }

    @Nested
    class Mails {

        @Test
        void multipartTakesTheHtmlAnswer() throws Exception {
            Reply r = ReplyText.extract(mail("""
                    From: Carol <carol@client.example>
                    To: task+42@demo.mailtask
                    Subject: Re: Printer
                    MIME-Version: 1.0
                    Content-Type: multipart/alternative; boundary="b"

                    --b
                    Content-Type: text/plain; charset=utf-8

                    Fixed, thanks.

                    Le lun. 2 avr. 2012 à 18:26, Bob <task+42@demo.mailtask> a écrit :
                    > Restart it.
                    --b
                    Content-Type: text/html; charset=utf-8

                    <div>Fixed, thanks.</div><div class="gmail_quote">Le lun. 2 avr. 2012 à 18:26, Bob a écrit :<blockquote class="gmail_quote">Restart it.</blockquote></div>
                    --b--
                    """));
            assertEquals("Fixed, thanks.", r.text());
            assertEquals(Reply.Source.HTML, r.source());
        }

        @Test
        void plainMailWithoutQuote() throws Exception {
            Reply r = ReplyText.extract(mail("""
                    From: Carol <carol@client.example>
                    To: task+42@demo.mailtask
                    Subject: Re: Printer

                    Still on fire.
                    """));
            assertEquals("Still on fire.", r.text());
            assertFalse(r.cut());
            assertEquals(Reply.Source.TEXT, r.source());
        }

        @Test
        void outlookForwardByItsSubjectIsNotCut() throws Exception {
            Reply r = ReplyText.extract(mail("""
                    From: Carol <carol@client.example>
                    To: support@demo.mailtask
                    Subject: FW: Printer

                    Please have a look.

                    From: Dave <dave@client.example>
                    Sent: Monday, April 02, 2012 6:26 PM
                    To: Carol
                    Subject: Printer

                    The printer is on fire.
                    """));
            assertFalse(r.cut());
            assertTrue(r.text().endsWith("The printer is on fire."), r.text());
        }
    }

    @Test
    void hugeInputTakesBoundedTime() {
        StringBuilder text = new StringBuilder("Hello\n\n");
        for (int i = 0; i < 200_000; i++) {
            text.append(i % 3 == 0 ? "> quoted line " : "On a line, someone wrote (not really) ").append(i).append('\n');
        }
        StringBuilder html = new StringBuilder("<div>Hello</div>");
        for (int i = 0; i < 20_000; i++) {
            html.append("<blockquote><div>").append(i).append(" wrote:</div>");
        }
        html.append("x".repeat(1_000_000));
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            ReplyText.fromPlain(text.toString());
            ReplyText.fromPlain("a".repeat(5_000_000));
            ReplyText.fromHtml(html.toString());
        });
    }

    /** The quote finder's regexes overflowed the stack at about 3,000 quoted lines: the mail was quarantined. */
    @Test
    void thousandsOfQuotedLinesAreCut() {
        for (int lines : new int[] {3_500, 20_000}) {
            StringBuilder text = new StringBuilder("Thanks, see below.\n\n");
            for (int i = 0; i < lines; i++) {
                text.append("> line ").append(i).append('\n');
            }
            Reply r = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> ReplyText.fromPlain(text.toString()));
            quoteCut("Thanks, see below.", r);
            assertTrue(r.quote().endsWith("> line " + (lines - 1)));
        }
    }

    /** Lines that look like attributions ("12:30 …") took 57 s for 3,000 lines of 1,000 characters. */
    @Test
    void longLinesThatLookLikeAttributionsTakeLittle() {
        String text = "Hello\n\n" + ("12:30 " + "a".repeat(990) + "\n").repeat(2_990) + "> q\n> q\n> q\n";
        Reply r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> ReplyText.fromPlain(text));
        assertTrue(r.quoteCut(), "the quote after them is still found");
        assertTrue(r.text().startsWith("Hello\n\n12:30 aaa"));
    }

    /** Quoted text nodes were removed one by one from a parent of 100,000 children (quadratic). */
    @Test
    void aQuoteOfManySiblingsIsRemovedAtOnce() {
        StringBuilder html = new StringBuilder("<div>My answer.</div><div class=\"gmail_quote\">On Mon, Bob wrote:<br>");
        html.append("<blockquote>");
        for (int i = 0; i < 100_000; i++) {
            html.append("quoted ").append(i).append("<br>");
        }
        html.append("</blockquote></div>");
        Reply r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> ReplyText.fromHtml(html.toString()));
        quoteCut("My answer.", r);
        assertFalse(r.html().contains("quoted 99999"));
    }
}
