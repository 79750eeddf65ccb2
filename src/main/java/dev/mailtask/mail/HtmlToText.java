package dev.mailtask.mail;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Renders HTML mail as plain text, the way a reader would see it:
 * <ul>
 *   <li>block elements (div, tr, li, ...) start a new line; paragraphs, headings, lists, blockquotes and
 *       pre blocks are separated by one blank line; {@code <br>} is a line break (two make a blank line);</li>
 *   <li>list items start with {@code "- "} (nested lists indented by two spaces per level);</li>
 *   <li>blockquote lines start with {@code "> "} per quote level;</li>
 *   <li>links render as {@code text (url)} when the url differs from the text (mailto:/scheme and a
 *       trailing slash ignored); fragment and javascript: links render as their text only;</li>
 *   <li>script, style, head, template and hidden ({@code hidden} attribute or {@code display:none})
 *       elements are dropped; images render as nothing;</li>
 *   <li>entities are decoded, runs of whitespace collapse to one space (except in pre), no-break spaces
 *       count as spaces, zero-width characters are dropped, line-trailing blanks removed, at most one
 *       blank line in a row.</li>
 * </ul>
 * The DOM ({@link HtmlTree}: nesting capped) is walked iteratively (jsoup's NodeTraversor), so depth costs no
 * stack; time is linear in the document size, and quote/list prefixes are capped at {@value #MAX_PREFIX_DEPTH}
 * levels so the output stays linear too.
 */
final class HtmlToText {

    /** Compiled once: used per element or per comment. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final Set<String> SKIP = Set.of("script", "style", "head", "title", "template", "svg",
            "object", "embed", "iframe", "applet", "audio", "video", "map", "select", "datalist", "meta",
            "link", "base");
    private static final Set<String> PARAGRAPH = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
            "pre", "ul", "ol", "dl", "hr", "figure", "address", "fieldset", "listing", "xmp", "plaintext");
    private static final Set<String> BLOCK = Set.of("div", "section", "article", "header", "footer", "nav",
            "aside", "main", "tr", "li", "dt", "dd", "form", "center", "caption", "table", "thead", "tbody",
            "tfoot", "details", "summary", "figcaption", "legend", "body", "html", "hgroup", "menu", "dir",
            "option", "noscript", "frameset", "frame");

    /**
     * Quote and list prefixes stop growing at this depth, so absurdly nested HTML cannot make the output
     * (lines x prefix) explode.
     */
    private static final int MAX_PREFIX_DEPTH = 10;

    private static final String STAGE = "html rendering";

    private HtmlToText() {
    }

    static String render(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document doc = HtmlTree.parse(html, STAGE);
        Renderer r = new Renderer();
        NodeTraversor.filter(r, doc);
        ContentBudget.check(STAGE);
        return r.result();
    }

    private static final class Link {
        final String href;
        int textStart = -1;

        Link(String href) {
            this.href = href;
        }
    }

    private static final class Renderer implements NodeFilter {
        private final StringBuilder out = new StringBuilder();
        private int pendingNewlines;
        private boolean pendingSpace;
        private int quoteDepth;
        private int quoteDepthOfLastText;
        private int listDepth;
        private boolean pendingBullet;
        private int preDepth;
        private final Deque<Link> links = new ArrayDeque<>();
        private int seen;

        @Override
        public FilterResult head(Node node, int depth) {
            if ((++seen & 0x3FF) == 0) {
                ContentBudget.check(STAGE);
            }
            if (node instanceof TextNode t) {
                text(t.getWholeText());
                return FilterResult.CONTINUE;
            }
            if (!(node instanceof Element e)) {
                return FilterResult.CONTINUE; // comments, doctype, data nodes
            }
            String tag = e.normalName();
            if (SKIP.contains(tag) || isHidden(e)) {
                return FilterResult.SKIP_ENTIRELY;
            }
            switch (tag) {
                case "br":
                    pendingNewlines = Math.min(2, pendingNewlines + 1);
                    pendingSpace = false;
                    return FilterResult.CONTINUE;
                case "a":
                    links.push(new Link(e.attr("href").trim()));
                    return FilterResult.CONTINUE;
                case "td":
                case "th":
                    if (e.elementSiblingIndex() > 0) {
                        pendingSpace = true;
                    }
                    return FilterResult.CONTINUE;
                case "li":
                    breakLines(1);
                    pendingBullet = true;
                    return FilterResult.CONTINUE;
                case "ul":
                case "ol":
                case "menu":
                case "dir":
                    breakLines(listDepth > 0 ? 1 : 2);
                    listDepth++;
                    return FilterResult.CONTINUE;
                case "blockquote":
                    breakLines(2);
                    quoteDepth++;
                    return FilterResult.CONTINUE;
                case "pre":
                case "listing":
                case "xmp":
                case "plaintext":
                case "textarea":
                    breakLines(tag.equals("textarea") ? 1 : 2);
                    preDepth++;
                    return FilterResult.CONTINUE;
                default:
                    break;
            }
            if (PARAGRAPH.contains(tag)) {
                breakLines(2);
            } else if (BLOCK.contains(tag)) {
                breakLines(1);
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (!(node instanceof Element e)) {
                return FilterResult.CONTINUE;
            }
            String tag = e.normalName();
            switch (tag) {
                case "a":
                    endLink();
                    return FilterResult.CONTINUE;
                case "li":
                    breakLines(1);
                    pendingBullet = false;
                    return FilterResult.CONTINUE;
                case "ul":
                case "ol":
                case "menu":
                case "dir":
                    listDepth = Math.max(0, listDepth - 1);
                    breakLines(listDepth > 0 ? 1 : 2);
                    return FilterResult.CONTINUE;
                case "blockquote":
                    quoteDepth = Math.max(0, quoteDepth - 1);
                    breakLines(2);
                    return FilterResult.CONTINUE;
                case "pre":
                case "listing":
                case "xmp":
                case "plaintext":
                case "textarea":
                    preDepth = Math.max(0, preDepth - 1);
                    breakLines(tag.equals("textarea") ? 1 : 2);
                    return FilterResult.CONTINUE;
                default:
                    break;
            }
            if (PARAGRAPH.contains(tag)) {
                breakLines(2);
            } else if (BLOCK.contains(tag)) {
                breakLines(1);
            }
            return FilterResult.CONTINUE;
        }

        private static boolean isHidden(Element e) {
            if (e.hasAttr("hidden")) {
                return true;
            }
            String style = e.attr("style");
            if (style.isEmpty()) {
                return false;
            }
            String compact = WHITESPACE.matcher(style).replaceAll("").toLowerCase(Locale.ROOT);
            return compact.contains("display:none");
        }

        private void breakLines(int n) {
            pendingNewlines = Math.max(pendingNewlines, n);
        }

        private void text(String raw) {
            String s = normalizeChars(raw);
            if (preDepth > 0) {
                int start = 0;
                while (true) {
                    int nl = s.indexOf('\n', start);
                    String piece = s.substring(start, nl < 0 ? s.length() : nl).replace("\r", "");
                    if (!piece.isEmpty()) {
                        emit(piece, false);
                    }
                    if (nl < 0) {
                        break;
                    }
                    pendingNewlines = Math.min(2, pendingNewlines + 1);
                    start = nl + 1;
                }
                return;
            }
            int n = s.length();
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (isSpace(c)) {
                    pendingSpace = true;
                    i++;
                    continue;
                }
                int j = i;
                while (j < n && !isSpace(s.charAt(j))) {
                    j++;
                }
                emit(s.substring(i, j), true);
                i = j;
            }
        }

        private static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
        }

        private static String normalizeChars(String s) {
            StringBuilder sb = null;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean drop = c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF'
                        || c == '\u00AD' || c == '\u034F';
                boolean space = c == '\u00A0' || c == '\u2007' || c == '\u202F';
                if (drop || space) {
                    if (sb == null) {
                        sb = new StringBuilder(s.length());
                        sb.append(s, 0, i);
                    }
                    if (space) {
                        sb.append(' ');
                    }
                } else if (sb != null) {
                    sb.append(c);
                }
            }
            return sb == null ? s : sb.toString();
        }

        /** Writes text, first flushing pending line breaks, the line prefix and a pending space. */
        private void emit(String s, boolean honourSpace) {
            // invariant: out never ends with '\n' here, line breaks are only written right before text
            boolean atLineStart = false;
            if (out.length() == 0) {
                pendingNewlines = 0;
                writePrefix();
                atLineStart = true;
            } else if (pendingNewlines > 0) {
                int add = Math.min(pendingNewlines, 2);
                for (int k = 0; k < add; k++) {
                    if (k > 0) {
                        // a blank line: keep it inside the quote when both sides are quoted
                        out.append(">".repeat(Math.min(MAX_PREFIX_DEPTH, Math.min(quoteDepth, quoteDepthOfLastText))));
                    }
                    out.append('\n');
                }
                pendingNewlines = 0;
                writePrefix();
                atLineStart = true;
            }
            if (pendingSpace && honourSpace && !atLineStart && out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
            pendingSpace = false;
            // newest first: once one is started, every older one was started by the same earlier text
            for (Link l : links) {
                if (l.textStart >= 0) {
                    break;
                }
                l.textStart = out.length();
            }
            out.append(s);
            quoteDepthOfLastText = quoteDepth;
        }

        private void writePrefix() {
            int quotes = Math.min(quoteDepth, MAX_PREFIX_DEPTH);
            if (quotes > 0) {
                out.append("> ".repeat(quotes));
            }
            int lists = Math.min(listDepth, MAX_PREFIX_DEPTH);
            if (lists > 0) {
                if (pendingBullet) {
                    out.append("  ".repeat(lists - 1)).append("- ");
                    pendingBullet = false;
                } else {
                    out.append("  ".repeat(lists));
                }
            }
        }

        private void endLink() {
            Link l = links.poll();
            if (l == null || l.textStart < 0) {
                return;
            }
            String text = out.substring(l.textStart).trim();
            String href = l.href;
            if (text.isEmpty() || href.isEmpty() || href.startsWith("#")
                    || href.toLowerCase(Locale.ROOT).startsWith("javascript:") || sameTarget(text, href)) {
                return;
            }
            out.append(" (").append(href).append(')');
        }

        private static boolean sameTarget(String text, String href) {
            return normUrl(text).equals(normUrl(href));
        }

        private static String normUrl(String s) {
            String u = s.trim().toLowerCase(Locale.ROOT);
            for (String p : new String[] {"mailto:", "tel:", "https://", "http://", "ftp://"}) {
                if (u.startsWith(p)) {
                    u = u.substring(p.length());
                    break;
                }
            }
            if (u.startsWith("www.")) {
                u = u.substring(4);
            }
            while (u.endsWith("/")) {
                u = u.substring(0, u.length() - 1);
            }
            return u;
        }

        String result() {
            StringBuilder sb = new StringBuilder(out.length());
            String pendingBlank = null;
            for (String line : out.toString().split("\n", -1)) {
                String l = stripTrailing(line);
                if (l.isEmpty() || l.chars().allMatch(c -> c == '>')) {
                    if (sb.length() > 0 && pendingBlank == null) {
                        pendingBlank = l;
                    }
                    continue;
                }
                if (pendingBlank != null) {
                    sb.append(pendingBlank).append('\n');
                    pendingBlank = null;
                }
                sb.append(l).append('\n');
            }
            return sb.toString().stripTrailing();
        }

        private static String stripTrailing(String s) {
            int e = s.length();
            while (e > 0 && (s.charAt(e - 1) == ' ' || s.charAt(e - 1) == '\t')) {
                e--;
            }
            return s.substring(0, e);
        }
    }
}
