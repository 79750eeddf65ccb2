package dev.mailtask.mail;

import org.jsoup.nodes.Document;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * HTML from mail as it may be shown, cleaned by jsoup's allow-list sanitiser: no scripts, styles, forms or
 * frames, no event handlers ({@code onerror}, ...), no {@code style} attributes (so no CSS {@code url()}), no
 * {@code javascript:} or other non-web links, and no remote resources (a remote image is a read receipt):
 * images only by {@code cid:}, the inline parts of the same mail. Links open without a referrer. The HTML is
 * parsed by {@link HtmlTree} (nesting capped), which keeps the cleaning linear in the document.
 */
public final class HtmlSanitizer {

    private static final Safelist SAFELIST = Safelist.relaxed()
            .removeProtocols("img", "src", "http", "https")
            .addProtocols("img", "src", "cid")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow")
            .preserveRelativeLinks(false);

    private static final String STAGE = "html cleaning";

    private HtmlSanitizer() {
    }

    /** The sanitised HTML, or null for null. */
    public static String sanitize(String html) {
        if (html == null) {
            return null;
        }
        // Jsoup.clean(html, "", SAFELIST, output) but over a tree of bounded depth
        Document clean = new Cleaner(SAFELIST).clean(HtmlTree.parseBodyFragment(html, STAGE));
        ContentBudget.check(STAGE);
        clean.outputSettings(new Document.OutputSettings().prettyPrint(false));
        String safe = clean.body().html();
        ContentBudget.check(STAGE);
        return safe;
    }
}
