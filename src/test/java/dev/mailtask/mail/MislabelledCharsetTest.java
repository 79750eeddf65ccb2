package dev.mailtask.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Text under a Latin-1 label (iso-8859-1, windows-1252) that is really windows-1251, KOI8-R, Greek, CJK or
 * UTF-8 is read in its real charset; real Western text under that label stays as it is, also when short.
 * Mails from generate.py.
 */
class MislabelledCharsetTest {

    @Test
    void windows1251UnderIso88591InBodyEncodedWordsAndFileName() throws Exception {
        InboundMail m = MailParserTest.parse("mislabel-cp1251-as-latin1.eml");

        assertThat(m.subject()).isEqualTo("Счёт на оплату");
        assertThat(m.from()).isEqualTo(new MailAddress("sender@example.org", "Ольга Смирнова"));
        assertThat(m.textBody()).isEqualTo("Добрый день!\nПрошу оплатить счёт до пятницы.\nС уважением, Ольга.");
        assertThat(m.attachments()).extracting(MailAttachment::fileName).containsExactly("Договор.pdf");
    }

    @Test
    void koi8rUnderWindows1252() throws Exception {
        InboundMail m = MailParserTest.parse("mislabel-koi8r-as-cp1252.eml");

        assertThat(m.subject()).isEqualTo("Не работает принтер");
        assertThat(m.from().name()).isEqualTo("Иван Петров");
        assertThat(m.textBody()).isEqualTo("Здравствуйте!\nПринтер на третьем этаже снова не печатает.");
        assertThat(m.attachments()).extracting(MailAttachment::fileName).containsExactly("Отчёт.pdf");
    }

    @Test
    void utf8UnderIso88591() throws Exception {
        InboundMail m = MailParserTest.parse("mislabel-utf8-as-latin1.eml");

        assertThat(m.subject()).isEqualTo("Grüße – Привет");
        assertThat(m.from().name()).isEqualTo("Jürgen Müller");
        assertThat(m.textBody()).isEqualTo("Schöne Grüße aus Köln — и привет из Москвы.");
        assertThat(m.attachments()).extracting(MailAttachment::fileName).containsExactly("Übersicht.pdf");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "latin1-de.eml | Grüße aus Köln | Jürgen Müller | Änderungen.pdf | bitte prüfen Sie die Änderungen für März.",
        "latin1-fr.eml | Réunion à 14h | François Lefèvre | Procès-verbal.pdf | la réunion de l'équipe a lieu à 14h. Où êtes-vous ?",
        "latin1-es.eml | ¿Qué tal? Año nuevo | Begoña Núñez | Facturación.pdf | mañana envío la información del año pasado.",
        "latin1-pt.eml | Ação não concluída | João Conceição | Relatório.pdf | a operação não foi concluída. Atenção à sua conta.",
        "latin1-sv.eml | ÅÄÖ | Åsa Öberg | Protokoll_möte.pdf | Möte på måndag i Göteborg. Hälsningar från Åke.",
    })
    void realWesternTextStaysLatin1(String file, String subject, String name, String fileName, String line)
            throws Exception {
        InboundMail m = MailParserTest.parse(file);

        assertThat(m.subject()).isEqualTo(subject);
        assertThat(m.from().name()).isEqualTo(name);
        assertThat(m.attachments()).extracting(MailAttachment::fileName).containsExactly(fileName);
        assertThat(m.textBody().split("\n")[1]).isEqualTo(line);
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource(delimiter = '|', value = {
        "Тест | windows-1251",
        "Да | windows-1251",
        "Заявка на ремонт | windows-1251",
        "Привіт, як справи? | windows-1251",
        "Здравейте, как сте? | windows-1251",
        "Re: Отчёт за март | windows-1251",
        "СРОЧНО | KOI8-R",
        "Иван Петров | KOI8-R",
        "Καλημέρα σας | ISO-8859-7",
        "你好，世界。请查收附件。 | GB18030",
        "日本語のテキストです。よろしくお願いします。 | Shift_JIS",
        "日本語のテキストです。よろしくお願いします。 | EUC-JP",
        "안녕하세요. 첨부 파일을 확인해 주세요. | x-windows-949",
        "您好，請查收附件。謝謝。 | Big5",
    })
    void otherCharsetsUnderLatin1LabelsAreRecognised(String text, String charset) {
        byte[] b = text.getBytes(Charset.forName(charset));

        assertThat(CharsetDetection.decode(b, "iso-8859-1", null)).isEqualTo(text);
        assertThat(CharsetDetection.decode(b, "windows-1252", null)).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Grüße aus Köln", "Straße", "Öl", "Übergrößen", "ÜBER UNS", "ÄNDERUNG DER ÖFFNUNGSZEITEN",
        "Müller-Lüdenscheidt", "Été", "ÉTÉ À PARIS", "À bientôt", "L'élève a réussi, où était-il ?",
        "¿Qué tal? Año nuevo", "¡Olé!", "AÑO", "Nº de pedido", "Ação não concluída", "É só isso",
        "Åsa Öberg", "ÅÄÖ", "ö", "Name: ÆØÅ-Gruppe", "Rødgrød med fløde", "Blåbærsyltetøy", "Hyvää päivää",
        "Þórður", "Què és això?", "col·legi", "it´s", "Preis: 5 € – 10 €", "“Quoted” text — fine…",
        "© 2024 Firma GmbH ®", "Temperatur 20 °C ± 2", "ÄäÖöÜüÄäÖöÜü.txt",
    })
    void westernTextUnderLatin1LabelsIsNotReRead(String text) {
        byte[] b = text.getBytes(CharsetDetection.WINDOWS_1252);

        assertThat(CharsetDetection.decode(b, "iso-8859-1", null)).isEqualTo(text);
        assertThat(CharsetDetection.decode(b, "windows-1252", null)).isEqualTo(text);
    }

    @Test
    void iso885915KeepsItsEuroSign() {
        byte[] b = "test äöüßÄÖÜß€".getBytes(Charset.forName("ISO-8859-15"));

        assertThat(CharsetDetection.decode(b, "iso-8859-15", null)).isEqualTo("test äöüßÄÖÜß€");
    }
}
