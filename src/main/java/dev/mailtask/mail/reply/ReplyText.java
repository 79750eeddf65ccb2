package dev.mailtask.mail.reply;

import dev.mailtask.mail.HtmlTree;
import dev.mailtask.mail.InboundMail;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Cuts a reply mail down to what the sender wrote this time: the quoted message (Gmail, Outlook, Apple
 * Mail, Thunderbird, Yahoo, Hotmail, Mail.ru, Yandex; attribution lines in English, German, French,
 * Spanish, Russian and a few more; {@code >} quotes and {@code <blockquote>}) and the {@code "-- "}
 * signature go. "Sent from my iPhone" lines stay (as talon keeps them): they are short, and sometimes the
 * only hint why a reply is terse.
 * <p>
 * Pure functions, no state; time linear in the input (see {@link QuoteFinder}). The full original is not
 * copied into the result: the caller has the mail.
 * <p>
 * What is never cut: a forward (a forward marker before any quote, or a subject starting with Fwd:/FW:/WG:/
 * TR:/RV:/…) — its content is the point; an inline reply (the sender's text interleaved with quoted
 * lines) — the answers need their questions, so the whole body is kept with its {@code >} marks.
 */
public final class ReplyText {

    /** HTML longer than this is not searched for quotes (the text body is used instead). */
    static final int MAX_HTML_CHARS = 4_000_000;

    private static final Pattern FORWARD_SUBJECT = Pattern.compile(
            "^\\s*(?:fwd?|fw|wg|tr|rv|enc|vs|vb|doorst|i|пересл|пересылка)\\s*(?:\\[\\d+\\])?\\s*:",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private ReplyText() {
    }

    /**
     * The new part of a mail. With an HTML body the HTML decides (its structure marks quotes more reliably
     * than text), unless it finds no quote and the text body does, or it leaves nothing and the text body
     * leaves something; when neither cuts a quote, the text body is taken (the sender's own plain text).
     */
    public static Reply extract(InboundMail mail) {
        String text = mail.textBody();
        String html = mail.htmlBody();
        boolean hasHtml = html != null && !html.isBlank() && html.length() <= MAX_HTML_CHARS;
        if (FORWARD_SUBJECT.matcher(mail.subject()).find()) {
            // an Outlook forward looks exactly like a reply's header block: the subject tells them apart
            String body = !text.isBlank() || !hasHtml ? text.strip() : fromHtml(html).textWithSignature();
            return new Reply(body, body, null, null,
                    !text.isBlank() || !hasHtml ? Reply.Source.TEXT : Reply.Source.HTML, null);
        }
        Reply plain = text.isBlank() ? null : fromPlain(text);
        if (!hasHtml) {
            return plain != null ? plain : fromPlain("");
        }
        Reply fromHtml = fromHtml(html);
        if (plain == null) {
            return fromHtml;
        }
        if (fromHtml.quoteCut() && !fromHtml.text().isEmpty()) {
            return fromHtml;
        }
        if (plain.quoteCut() && !plain.text().isEmpty()) {
            return plain;
        }
        if (fromHtml.quoteCut()) {
            return fromHtml;
        }
        return plain;
    }

    /** The new part of a plain-text body. */
    public static Reply fromPlain(String body) {
        String normalized = body == null ? "" : body.replace("\r\n", "\n").replace('\r', '\n');
        List<String> lines = List.of(normalized.split("\n", -1));
        QuoteFinder.Decision d = QuoteFinder.decide(lines, null);
        return assemble(lines, d, Reply.Source.TEXT, null);
    }

    /**
     * The new part of an HTML body; {@link Reply#html()} is the document without the quote (still unsafe:
     * sanitise before showing).
     */
    public static Reply fromHtml(String html) {
        if (html == null || html.isBlank()) {
            return new Reply("", "", null, null, Reply.Source.HTML, html);
        }
        Document doc = HtmlTree.parse(html.length() > MAX_HTML_CHARS ? html.substring(0, MAX_HTML_CHARS) : html,
                QuoteFinder.STAGE);
        HtmlLines r = HtmlLines.render(doc);
        List<String> shown = new ArrayList<>(r.lines.size());
        for (int i = 0; i < r.lines.size(); i++) {
            shown.add(r.shown(i));
        }
        QuoteFinder.Decision d = withSignOff(r, QuoteFinder.decide(r.lines, r.forced()));
        String cutHtml = html;
        if (!d.quote().isEmpty()) {
            removeQuotedNodes(doc, r, d);
            cutHtml = doc.outerHtml();
        }
        return assemble(shown, d, Reply.Source.HTML, cutHtml);
    }

    /**
     * A short sign-off ("Bob", "Thanks, Ann") that opens the HTML block the quote sits in, with no wrapper of
     * the quote's own between them, goes with the quote, as talon does (it drops the block around the
     * separator). A quote wrapped in its own element leaves the sign-off alone.
     */
    static QuoteFinder.Decision withSignOff(HtmlLines r, QuoteFinder.Decision d) {
        if (d.quote().isEmpty()) {
            return d;
        }
        QuoteFinder.Range first = d.quote().get(0);
        int p = previousText(r.lines, first.from() - 1);
        int before = p < 0 ? -1 : previousText(r.lines, p - 1);
        if (p < 0 || before < 0 || !SIGN_OFF.matcher(r.lines.get(p).strip()).matches()) {
            return d;
        }
        int last = previousText(r.lines, first.to() - 1);
        int firstText = first.from();
        while (firstText < last && r.lines.get(firstText).isBlank()) {
            firstText++;
        }
        boolean shared = false;
        for (int[] span : r.span.values()) {
            if (span[0] > p && span[0] <= firstText && span[1] >= last) {
                return d; // the quote has a wrapper of its own: the sign-off is outside it (Hotmail)
            }
            shared |= span[0] > before && span[0] <= p && span[1] >= first.from();
        }
        if (!shared) {
            return d;
        }
        List<QuoteFinder.Range> quote = new ArrayList<>(d.quote());
        quote.set(0, new QuoteFinder.Range(p, first.to()));
        return new QuoteFinder.Decision(d.markers(), quote, d.signatureFrom(), d.signatureTo());
    }

    /** At most four short words, no sentence: "Bob", "Thanks, Ann", "Best regards". */
    private static final java.util.regex.Pattern SIGN_OFF =
            java.util.regex.Pattern.compile("[\\p{L}][\\p{L}'.-]*(?:[ ,]+[\\p{L}][\\p{L}'.-]*){0,3}[,!]?");

    private static int previousText(List<String> lines, int from) {
        int i = Math.min(from, lines.size() - 1);
        while (i >= 0 && lines.get(i).isBlank()) {
            i--;
        }
        return i;
    }

    private static void removeQuotedNodes(Document doc, HtmlLines r, QuoteFinder.Decision d) {
        int n = r.lines.size();
        int[] quotedBefore = new int[n + 1]; // quotedBefore[i]: quoted lines among 0..i-1
        for (int i = 0; i < n; i++) {
            quotedBefore[i + 1] = quotedBefore[i] + (d.inQuote(i) ? 1 : 0);
        }
        List<Element> drop = new ArrayList<>();
        for (Map.Entry<Element, int[]> e : r.span.entrySet()) {
            Element el = e.getKey();
            String tag = el.normalName();
            if (tag.equals("html") || tag.equals("body") || tag.equals("head") || el == doc) {
                continue;
            }
            int from = Math.min(e.getValue()[0], n - 1);
            int to = Math.min(e.getValue()[1], n - 1);
            if (from < 0) {
                continue;
            }
            if (to < from) { // no text inside (br, hr, img, empty div): goes with the line it sits on
                to = from;
            }
            if (quotedBefore[to + 1] - quotedBefore[from] == to - from + 1) {
                drop.add(el);
            }
        }
        List<Node> dropped = new ArrayList<>(drop);
        for (Map.Entry<TextNode, Integer> e : r.textLine.entrySet()) {
            if (d.inQuote(e.getValue())) {
                dropped.add(e.getKey());
            }
        }
        removeAll(dropped);
    }

    /**
     * Takes the nodes out of the document, each parent's children rebuilt once: removing them one by one is
     * quadratic in the number of siblings (jsoup shifts or searches the parent's list each time).
     */
    private static void removeAll(List<Node> nodes) {
        Map<Element, Set<Node>> byParent = new IdentityHashMap<>();
        for (Node node : nodes) {
            if (node.parent() instanceof Element parent) {
                byParent.computeIfAbsent(parent, p -> Collections.newSetFromMap(new IdentityHashMap<>())).add(node);
            }
        }
        byParent.forEach((parent, gone) -> {
            List<Node> kept = new ArrayList<>(parent.childNodeSize());
            for (Node child : parent.childNodes()) {
                if (!gone.contains(child)) {
                    kept.add(child);
                }
            }
            parent.empty();
            parent.appendChildren(kept);
        });
    }

    private static Reply assemble(List<String> lines, QuoteFinder.Decision d, Reply.Source source, String html) {
        String text = join(lines, i -> !d.removed(i));
        String withSignature = join(lines, i -> !d.inQuote(i));
        String quote = d.quote().isEmpty() ? null : join(lines, d::inQuote);
        String signature = d.signatureFrom() < 0 ? null
                : join(lines, i -> i >= d.signatureFrom() && i < d.signatureTo());
        return new Reply(text, withSignature, quote, signature, source, source == Reply.Source.HTML ? html : null);
    }

    /** The lines kept by the filter, joined; where lines were left out, blank lines meeting there fold to one. */
    private static String join(List<String> lines, java.util.function.IntPredicate keep) {
        StringBuilder b = new StringBuilder();
        boolean gap = false;
        boolean any = false;
        for (int i = 0; i < lines.size(); i++) {
            if (!keep.test(i)) {
                gap = any;
                continue;
            }
            String l = lines.get(i);
            if (gap) {
                if (l.isBlank()) {
                    continue;
                }
                // fold the blank lines on both sides of the gap to one
                trimTrailingBlankLines(b);
                b.append("\n\n");
                gap = false;
            } else if (any) {
                b.append('\n');
            }
            b.append(l);
            any = true;
        }
        return b.toString().strip();
    }

    private static void trimTrailingBlankLines(StringBuilder b) {
        int end = b.length();
        while (end > 0) {
            int nl = b.lastIndexOf("\n", end - 1);
            String line = b.substring(nl + 1, end);
            if (!line.isBlank() || nl < 0) {
                break;
            }
            end = nl;
        }
        b.setLength(end);
        while (b.length() > 0 && b.charAt(b.length() - 1) == '\n') {
            b.setLength(b.length() - 1);
        }
    }
}
