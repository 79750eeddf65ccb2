package dev.mailtask.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The text and the encapsulated HTML of Outlook RTF bodies. */
class RtfTest {

    @Test
    void plainRtfGivesItsTextWithCodePagesUnicodeAndEscapes() {
        String rtf = "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss\\fcharset204 Arial;}"
                + "{\\f1\\fnil\\fcharset0 Courier;}}{\\colortbl ;\\red0\\green0\\blue255;}"
                + "{\\*\\generator Riched20;}\\pard\\f0\\fs20 \\'cf\\'f0\\'e8\\'e2\\'e5\\'f2!\\par\n"
                + "\\f1 Gr\\u252?\\'dfe\\tab {\\b bold} \\{x\\} a\\\\b\\line\n"
                + "{\\pict\\wmetafile8 0102030405}end\\~\\emdash\\par\n}";

        Rtf.Body body = Rtf.read(rtf);

        assertThat(body.html()).isNull();
        assertThat(body.text()).isEqualTo("Привет!\nGrüße\tbold {x} a\\b\nend\u00A0—");
    }

    @Test
    void htmlMadeRtfGivesTheHtmlBack() {
        String rtf = "{\\rtf1\\ansi\\ansicpg1252\\fromhtml1 \\deff0{\\fonttbl{\\f0\\fswiss Arial;}}\n"
                + "{\\*\\htmltag19 <html>}{\\*\\htmltag50 <body>}\n"
                + "{\\*\\htmltag64 <p>}\\htmlrtf {\\htmlrtf0 Caf\\'e9 \\{ok\\}\n"
                + "{\\*\\htmltag84 <a href=\"https://example.com\">}\\htmlrtf {\\field{\\*\\fldinst{HYPERLINK "
                + "\"https://example.com\"}}{\\fldrslt\\cf1\\ul \\htmlrtf0 link\\htmlrtf }\\htmlrtf0 \\htmlrtf }"
                + "\\htmlrtf0 {\\*\\htmltag92 </a>}\\htmlrtf\\par}\\htmlrtf0\n"
                + "{\\*\\htmltag72 </p>}{\\*\\htmltag58 </body>}{\\*\\htmltag27 </html>}}";

        Rtf.Body body = Rtf.read(rtf);

        assertThat(body.html()).isEqualTo("<html><body><p>Café {ok}<a href=\"https://example.com\">link</a></p>"
                + "</body></html>");
        assertThat(body.text()).isEqualTo("Café {ok}link (https://example.com)");
    }

    @Test
    void notRtfOrBrokenRtfNeverThrows() {
        assertThat(Rtf.read("plain text")).isNull();
        assertThat(Rtf.read(null)).isNull();
        assertThat(Rtf.read("{\\rtf1 " + "{".repeat(10_000))).isNull();
        assertThat(Rtf.read("{\\rtf1 unterminated \\'4").text()).isEqualTo("unterminated");
    }
}
