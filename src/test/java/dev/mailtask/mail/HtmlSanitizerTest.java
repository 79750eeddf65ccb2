package dev.mailtask.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hostile HTML through the sanitiser used for display. */
class HtmlSanitizerTest {

    @Test
    void scriptsAndEventHandlersAreRemoved() {
        String out = HtmlSanitizer.sanitize("<p onclick=\"steal()\">Hi<script>alert(1)</script></p>"
                + "<img src=\"cid:logo@x\" onerror=\"alert(2)\"><svg onload=alert(3)></svg>"
                + "<iframe src=\"https://evil.example/\"></iframe><form action=x><input name=p></form>");
        assertThat(out).isEqualTo("<p>Hi</p><img src=\"cid:logo@x\">");
    }

    @Test
    void javascriptLinksLoseTheirTargetAndWebLinksOpenWithoutReferrer() {
        String out = HtmlSanitizer.sanitize("<a href=\"javascript:alert(1)\">x</a> "
                + "<a href=\"JaVaScRiPt:alert(1)\">y</a> <a href=\"https://example.com/a\">z</a>");
        assertThat(out).isEqualTo("<a rel=\"noopener noreferrer nofollow\">x</a> "
                + "<a rel=\"noopener noreferrer nofollow\">y</a> "
                + "<a href=\"https://example.com/a\" rel=\"noopener noreferrer nofollow\">z</a>");
    }

    @Test
    void remoteImagesAndCssUrlsAreDroppedCidImagesStay() {
        String out = HtmlSanitizer.sanitize("<img src=\"https://tracker.example/pixel.gif\">"
                + "<img src=\"//tracker.example/p.gif\"><img src=\"data:image/png;base64,AAAA\">"
                + "<div style=\"background:url(https://tracker.example/bg.png)\">text</div>"
                + "<style>body{background:url(https://tracker.example/c.png)}</style>"
                + "<link rel=stylesheet href=\"https://evil.example/x.css\"><img src=\"cid:image001.png@01D\">");
        assertThat(out).isEqualTo("<img><img><img><div>text</div><img src=\"cid:image001.png@01D\">");
        assertThat(out).doesNotContain("tracker.example", "url(", "evil.example");
    }

    @Test
    void nullStaysNull() {
        assertThat(HtmlSanitizer.sanitize(null)).isNull();
    }
}
