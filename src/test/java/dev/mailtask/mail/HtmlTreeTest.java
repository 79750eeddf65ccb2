package dev.mailtask.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.jsoup.nodes.Document;
import org.jsoup.select.NodeTraversor;
import org.junit.jupiter.api.Test;

/** Deeply nested HTML from strangers: a tree of bounded depth that keeps what the deep part says. */
class HtmlTreeTest {

    /** Took 79 s to clean (and the bundle 281 s to get to the next mail); the text must survive. */
    @Test
    void twoHundredThousandNestedBoldTagsCleanAndRenderInLinearTime() {
        String html = "<b>".repeat(200_000) + "x";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            String clean = HtmlSanitizer.sanitize(html);
            assertThat(clean).contains("<b>x</b>");
            assertThat(HtmlToText.render(html)).isEqualTo("x");
            assertThat(depth(HtmlTree.parse(clean, "test"))).isLessThanOrEqualTo(HtmlTree.MAX_DEPTH + 1);
        });
    }

    /** Took 19 s to clean. */
    @Test
    void oneHundredThousandNestedDivsCleanAndRenderInLinearTime() {
        String html = "<div>".repeat(100_000) + "deep text";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            assertThat(HtmlSanitizer.sanitize(html)).contains("deep text");
            assertThat(HtmlToText.render(html)).isEqualTo("deep text");
        });
    }

    @Test
    void whatLiesBelowTheCapIsKeptInOrderWithItsLineBreaks() {
        String html = "<div>".repeat(HtmlTree.MAX_DEPTH + 50) + "<p>one <b>bold</b></p><p>two</p>"
                + "<img src=\"cid:logo@x\"><script>alert(1)</script><style>p{}</style><span hidden>secret</span>three";
        Document doc = HtmlTree.parse(html, "test");
        assertThat(depth(doc)).isEqualTo(HtmlTree.MAX_DEPTH + 1); // the text nodes under the deepest element
        assertThat(HtmlToText.render(html)).isEqualTo("one bold\ntwo\nthree");
        assertThat(HtmlSanitizer.sanitize(html)).contains("one bold<br>two<br><img src=\"cid:logo@x\">three")
                .doesNotContain("alert", "secret", "p{}");
    }

    @Test
    void ordinaryHtmlIsParsedAsJsoupParsesIt() {
        String html = "<html><head><title>t</title></head><body><div><table><tr><td><blockquote><p>a<br>b</p>"
                + "</blockquote></td></tr></table></div></body></html>";
        assertThat(HtmlTree.parse(html, "test").outerHtml()).isEqualTo(org.jsoup.Jsoup.parse(html).outerHtml());
    }

    private static int depth(Document doc) {
        int[] max = {0};
        NodeTraversor.traverse((node, depth) -> max[0] = Math.max(max[0], depth), doc);
        return max[0];
    }
}
