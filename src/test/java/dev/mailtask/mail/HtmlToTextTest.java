package dev.mailtask.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class HtmlToTextTest {

    @Test
    void paragraphsBreaksAndWhitespace() {
        assertThat(HtmlToText.render("<p>One\n   two&nbsp;&nbsp;three</p><p>Four<br>five<br><br>six</p>"))
                .isEqualTo("One two three\n\nFour\nfive\n\nsix");
    }

    @Test
    void nestedListsAndHeadings() {
        assertThat(HtmlToText.render("<h2>Title</h2><ol><li>a</li><li>b<ul><li>b1</li></ul></li></ol>after"))
                .isEqualTo("Title\n\n- a\n- b\n  - b1\n\nafter");
    }

    @Test
    void links() {
        assertThat(HtmlToText.render("<a href='https://x.org/p'>page</a> <a href='https://x.org/'>x.org</a> "
                + "<a href='mailto:a@x.org'>a@x.org</a> <a href='#top'>top</a> <a href='javascript:void(0)'>js</a> "
                + "<a href='https://x.org/img'><img src='i.png'></a>"))
                .isEqualTo("page (https://x.org/p) x.org a@x.org top js");
    }

    @Test
    void blockquotesArePrefixed() {
        assertThat(HtmlToText.render("<p>Reply</p><blockquote><p>q1</p><p>q2</p><blockquote>qq</blockquote></blockquote>"))
                .isEqualTo("Reply\n\n> q1\n>\n> q2\n>\n> > qq");
    }

    @Test
    void scriptsStylesHiddenAndZeroWidthAreDropped() {
        assertThat(HtmlToText.render("<html><head><title>t</title><style>b{}</style></head><body>"
                + "<script>x()</script><span style='display: none'>preheader</span>"
                + "Vis\u200Bible &lt;ok&gt; &amp; &copy;</body></html>"))
                .isEqualTo("Visible <ok> & ©");
    }

    @Test
    void tablesAndPre() {
        assertThat(HtmlToText.render("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>"
                + "<pre>  x\n    y</pre>"))
                .isEqualTo("a b\nc d\n\n  x\n    y");
    }

    @Test
    void hugeAndDeepHtmlIsBoundedInTime() {
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            deep.append("<div><blockquote>");
        }
        deep.append("bottom");
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            big.append("<p>Paragraph ").append(i).append(" <a href='http://x/").append(i).append("'>link</a></p>");
        }
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThat(HtmlToText.render(deep.toString())).endsWith("bottom");
            assertThat(HtmlToText.render(big.toString())).startsWith("Paragraph 0 link (http://x/0)\n\nParagraph 1");
        });
    }

    @Test
    void emptyInput() {
        assertThat(HtmlToText.render("")).isEmpty();
        assertThat(HtmlToText.render(null)).isEmpty();
        assertThat(HtmlToText.render("<html><body></body></html>")).isEmpty();
    }

    @Test
    void thousandsOfLinksAndDeepNestingRenderLinearly() {
        StringBuilder links = new StringBuilder("<p>");
        for (int i = 0; i < 20_000; i++) {
            links.append("<a href=\"https://example.com/").append(i).append("\">link ").append(i).append("</a> ");
        }
        String deep = "<div>".repeat(50_000) + "deep text" + "</div>".repeat(50_000)
                + "<blockquote>".repeat(5_000) + "quoted" + "</blockquote>".repeat(5_000);
        String[] out = new String[2];
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            out[0] = HtmlToText.render(links.toString());
            out[1] = HtmlToText.render(deep);
        });
        assertThat(out[0]).startsWith("link 0 (https://example.com/0) link 1 (https://example.com/1)")
                .endsWith("link 19999 (https://example.com/19999)");
        // quote prefixes stop growing at 10 levels, so the output stays as long as the text
        assertThat(out[1]).isEqualTo("deep text\n\n" + "> ".repeat(10) + "quoted");
    }
}
