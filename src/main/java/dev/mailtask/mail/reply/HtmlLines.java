package dev.mailtask.mail.reply;

import dev.mailtask.mail.ContentBudget;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Renders an HTML document as lines of text, remembering which DOM nodes made which line and which
 * lines the mail's structure marks: lines inside a {@code <blockquote>} are quoted ({@code m}); the first
 * line of a Gmail {@code div.gmail_quote}, a Thunderbird {@code div.moz-cite-prefix} or a Yahoo
 * {@code div.yahoo_quoted} is an attribution ({@code s}); the first line at or after an Outlook
 * {@code #divRplyFwdMsg}/{@code #appendonsend}/{@code #OLK_SRC_BODY_SECTION}, an Outlook or Windows Mail
 * border-top header box, or a Hotmail/Zimbra separator {@code <hr>} is a hard splitter ({@code h}); the first
 * line of a Gmail/Thunderbird/Outlook signature element starts a signature ({@code g}). The walk is
 * iterative (no recursion), so depth costs no stack, and linear in the document (parsed by
 * {@link dev.mailtask.mail.HtmlTree}: nesting capped).
 */
final class HtmlLines {

    /** Compiled once: used per element or per comment. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final Set<String> SKIP = Set.of("script", "style", "head", "title", "template", "svg",
            "object", "embed", "iframe", "applet", "audio", "video", "map", "select", "datalist", "meta",
            "link", "base", "xml");
    private static final Set<String> PARAGRAPH = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
            "pre", "ul", "ol", "dl", "figure", "address", "fieldset");
    private static final Set<String> BLOCK = Set.of("div", "section", "article", "header", "footer", "nav",
            "aside", "main", "tr", "li", "dt", "dd", "form", "center", "caption", "table", "thead", "tbody",
            "tfoot", "details", "summary", "figcaption", "legend", "body", "html", "hr", "menu", "dir");
    private static final Pattern OUTLOOK_BOX = Pattern.compile(
            "border:none;border-top:solid#(?:e1e1e1|b5c4df)1(?:\\.0)?pt;padding:3(?:\\.0)?pt0(?:in|cm|pt)?0");
    private static final Pattern WINDOWS_MAIL_BOX = Pattern.compile(
            "padding-top:5px;border-top-color:rgb\\(229,229,229\\);border-top-width:1px;border-top-style:solid");
    private static final int MAX_DEPTH_PREFIX = 10;

    final List<String> lines = new ArrayList<>();
    final List<Integer> depths = new ArrayList<>();
    private final List<Character> forcedList = new ArrayList<>();
    final Map<TextNode, Integer> textLine = new IdentityHashMap<>();
    final Map<Element, int[]> span = new IdentityHashMap<>();

    private HtmlLines() {
    }

    static HtmlLines render(Document doc) {
        HtmlLines h = new HtmlLines();
        Walker w = h.new Walker();
        NodeTraversor.filter(w, doc);
        h.finish();
        return h;
    }

    char[] forced() {
        char[] f = new char[forcedList.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = forcedList.get(i);
        }
        return f;
    }

    /** Line i as shown: "> " per quote level, then the text. */
    String shown(int i) {
        int d = Math.min(depths.get(i), MAX_DEPTH_PREFIX);
        String l = lines.get(i);
        return d == 0 || l.isEmpty() ? l : "> ".repeat(d) + l;
    }

    private final java.util.ArrayDeque<String[]> links = new java.util.ArrayDeque<>();
    private StringBuilder current;
    private int pendingNewlines;
    private boolean pendingSpace;
    private int quoteDepth;
    private char pendingForce;
    private Element pendingOwner;

    private void finish() {
        closeLine();
        // trailing blanks are noise
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            int last = lines.size() - 1;
            lines.remove(last);
            depths.remove(last);
            forcedList.remove(last);
        }
    }

    private void closeLine() {
        if (current != null) {
            int last = lines.size() - 1;
            lines.set(last, current.toString().stripTrailing());
            current = null;
        }
    }

    private void breakLines(int n) {
        pendingNewlines = Math.max(pendingNewlines, n);
        pendingSpace = false;
    }

    /** The index the next text will land on. */
    private int position() {
        if (current != null && pendingNewlines == 0) {
            return lines.size() - 1;
        }
        return lines.size() + (!lines.isEmpty() && pendingNewlines >= 2 ? 1 : 0);
    }

    private void text(TextNode node, String raw) {
        String t = clean(raw);
        if (t.isBlank()) {
            if (!t.isEmpty() && current != null && current.length() > 0) {
                pendingSpace = true;
            }
            textLine.put(node, Math.min(position(), Math.max(0, lines.size() - 1)));
            return;
        }
        boolean leading = Character.isWhitespace(t.charAt(0));
        boolean trailing = Character.isWhitespace(t.charAt(t.length() - 1));
        String words = WHITESPACE.matcher(t.strip()).replaceAll(" ");
        if (current == null || pendingNewlines > 0) {
            boolean hadLines = !lines.isEmpty();
            closeLine();
            if (hadLines && pendingNewlines >= 2) {
                addLine("", 0, (char) 0);
            }
            current = new StringBuilder();
            char force = quoteDepth > 0 ? 'm' : pendingForce;
            if (force != 0 && force != 'm') {
                pendingForce = 0;
                pendingOwner = null;
            }
            addLine("", quoteDepth, force);
            pendingNewlines = 0;
        } else if ((leading || pendingSpace) && current.length() > 0) {
            current.append(' ');
        }
        current.append(words);
        pendingSpace = trailing;
        textLine.put(node, lines.size() - 1);
    }

    private void addLine(String s, int depth, char force) {
        lines.add(s);
        depths.add(depth);
        forcedList.add(force);
    }

    /** No-break spaces become spaces; zero-width and direction marks go. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u00a0' || c == '\u2007' || c == '\u202f') {
                b.append(' ');
            } else if (c == '\u200b' || c == '\u200c' || c == '\u200d' || c == '\u200e' || c == '\u200f'
                    || c == '\ufeff' || c == '\u2060' || c >= '\u202a' && c <= '\u202e') {
                continue;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static char structuralMark(Element e) {
        String tag = e.normalName();
        String id = e.id();
        if (id.equals("divRplyFwdMsg") || id.equals("appendonsend") || id.equals("OLK_SRC_BODY_SECTION")
                || tag.equals("hr") && (id.equals("stopSpelling") || id.equals("zwchr")
                        || e.attr("data-marker").equals("__DIVIDER__"))) {
            return 'h';
        }
        if (tag.equals("div") && e.hasAttr("style")) {
            String style = WHITESPACE.matcher(e.attr("style")).replaceAll("").toLowerCase(Locale.ROOT);
            if (OUTLOOK_BOX.matcher(style).find() || WINDOWS_MAIL_BOX.matcher(style).find()) {
                return 'h';
            }
        }
        if (e.hasClass("gmail_quote") && !tag.equals("blockquote") || e.hasClass("gmail_quote_container")
                || e.hasClass("moz-cite-prefix") || e.hasClass("yahoo_quoted")) {
            return 's';
        }
        if (e.hasClass("gmail_signature") || e.attr("data-smartmail").equals("gmail_signature")
                || e.hasClass("moz-signature") || id.equals("Signature")) {
            return 'g';
        }
        return 0;
    }

    /** A web link whose text is not its address reads "text (address)", as in the text part. */
    private void endLink(String[] link, Element e) {
        String href = link[0];
        String lower = href.toLowerCase(Locale.ROOT);
        if (current == null || !(lower.startsWith("http://") || lower.startsWith("https://"))) {
            return;
        }
        String label = e.text().strip();
        if (label.isEmpty() || label.equals(href) || (label + "/").equals(href) || href.endsWith("//" + label)
                || href.endsWith("//" + label + "/")) {
            return;
        }
        current.append(" (").append(href).append(')');
    }

    private static boolean hidden(Element e) {
        if (e.hasAttr("hidden")) {
            return true;
        }
        String style = e.attr("style");
        return !style.isEmpty()
                && WHITESPACE.matcher(style).replaceAll("").toLowerCase(Locale.ROOT).contains("display:none");
    }

    private final class Walker implements NodeFilter {
        private int seen;

        @Override
        public FilterResult head(Node node, int depth) {
            if ((++seen & 0x3FF) == 0) {
                ContentBudget.check(QuoteFinder.STAGE);
            }
            if (node instanceof TextNode t) {
                text(t, t.getWholeText());
                return FilterResult.CONTINUE;
            }
            if (!(node instanceof Element e)) {
                return FilterResult.CONTINUE;
            }
            String tag = e.normalName();
            if (SKIP.contains(tag) || hidden(e)) {
                return FilterResult.SKIP_ENTIRELY;
            }
            char mark = structuralMark(e);
            if (mark != 0 && quoteDepth == 0 && (pendingForce == 0 || mark == 'h')) {
                pendingForce = mark;
                pendingOwner = e;
                breakLines(1);
            }
            switch (tag) {
                case "br" -> {
                    if (current == null || pendingNewlines > 0) {
                        pendingNewlines = Math.min(2, pendingNewlines + 1);
                    } else {
                        pendingNewlines = 1;
                    }
                    pendingSpace = false;
                }
                case "a" -> links.push(new String[] {e.attr("href").strip(),
                        String.valueOf(lines.size()), String.valueOf(current == null ? 0 : current.length())});
                case "td", "th" -> {
                    if (e.elementSiblingIndex() > 0) {
                        pendingSpace = true;
                    }
                }
                case "blockquote" -> {
                    breakLines(2);
                    quoteDepth++;
                }
                default -> {
                    if (PARAGRAPH.contains(tag)) {
                        breakLines(2);
                    } else if (BLOCK.contains(tag)) {
                        breakLines(1);
                    }
                }
            }
            span.put(e, new int[] {position(), -1});
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (!(node instanceof Element e)) {
                return FilterResult.CONTINUE;
            }
            int[] s = span.get(e);
            if (s != null) {
                s[1] = lines.size() - 1;
            }
            if (pendingOwner == e && pendingForce != 'h') {
                // the element had no text: its mark does not leak to what follows (a hard splitter does)
                pendingForce = 0;
                pendingOwner = null;
            }
            String tag = e.normalName();
            if (tag.equals("a") && !links.isEmpty()) {
                endLink(links.pop(), e);
            }
            if (tag.equals("blockquote")) {
                quoteDepth = Math.max(0, quoteDepth - 1);
                breakLines(2);
            } else if (PARAGRAPH.contains(tag)) {
                breakLines(2);
            } else if (BLOCK.contains(tag)) {
                breakLines(1);
            }
            return FilterResult.CONTINUE;
        }
    }
}
