package dev.mailtask.mail;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.safety.Safelist;

/**
 * HTML from mail as it may be shown, cleaned by jsoup's allow-list sanitiser: no scripts, styles, forms or
 * frames, no event handlers ({@code onerror}, ...), no {@code style} attributes (so no CSS {@code url()}), no
 * {@code javascript:} or other non-web links, and no remote resources (a remote image is a read receipt):
 * images only by {@code cid:}, the inline parts of the same mail. Links open without a referrer.
 */
public final class HtmlSanitizer {

    private static final Safelist SAFELIST = Safelist.relaxed()
            .removeProtocols("img", "src", "http", "https")
            .addProtocols("img", "src", "cid")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
            .preserveRelativeLinks(false);

    private HtmlSanitizer() {
    }

    /** The sanitised HTML, or null for null. */
    public static String sanitize(String html) {
        if (html == null) {
            return null;
        }
        Document.OutputSettings output = new Document.OutputSettings().prettyPrint(false);
        return Jsoup.clean(html, "", SAFELIST, output);
    }
}
