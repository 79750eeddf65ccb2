package dev.mailtask.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * HTML from mail parsed into a tree at most {@value #MAX_DEPTH} elements deep. jsoup's parser is linear, but
 * not all work over the tree is: its cleaner costs time in proportion to each element's depth, so 200,000
 * nested {@code <b>} (0.6 MB) took 80 s to clean. Browsers cap nesting as well (at 512). Past the cap, elements
 * are dropped and what they held is kept in order: text, line breaks (a block element ends its line), images.
 * Every walk over the result is then linear in the document. jsoup 1.21 has no depth setting of its own.
 */
public final class HtmlTree {

    /**
     * Far deeper than mail clients nest a long thread's quotes (a few elements per reply; the deepest mail of
     * the shared corpus is 29), and low enough that the cleaner's walks to the root stay cheap.
     */
    public static final int MAX_DEPTH = 128;

    private static final Set<String> KEPT_LEAVES = Set.of("br", "img", "hr", "wbr");
    /** Elements whose content is never shown: not flattened into text. */
    private static final Set<String> UNSHOWN = Set.of("script", "style", "head", "title", "template", "svg",
            "math", "object", "embed", "iframe", "applet", "audio", "video", "map", "select", "datalist", "meta",
            "link", "base", "xml");

    private HtmlTree() {
    }

    /** A whole document; {@code stage} names the work for the {@link ContentBudget}. */
    public static Document parse(String html, String stage) {
        ContentBudget.check(stage);
        return shallow(Jsoup.parse(html), stage);
    }

    /** A fragment, placed in the body of an empty document (what jsoup's cleaner takes). */
    public static Document parseBodyFragment(String html, String stage) {
        ContentBudget.check(stage);
        return shallow(Jsoup.parseBodyFragment(html, ""), stage);
    }

    /** The document with everything below {@link #MAX_DEPTH} flattened into the elements at that depth. */
    static Document shallow(Document doc, String stage) {
        ContentBudget.check(stage);
        List<Element> atLimit = new ArrayList<>();
        NodeTraversor.filter(new NodeFilter() {
            private int seen;

            @Override
            public FilterResult head(Node node, int depth) {
                if ((++seen & 0x3FF) == 0) {
                    ContentBudget.check(stage);
                }
                if (depth < MAX_DEPTH) {
                    return FilterResult.CONTINUE;
                }
                if (node instanceof Element e && e.firstElementChild() != null) {
                    atLimit.add(e);
                }
                return FilterResult.SKIP_CHILDREN;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                return FilterResult.CONTINUE;
            }
        }, doc);
        for (Element e : atLimit) {
            List<Node> flat = flattened(e, stage);
            e.empty();
            e.appendChildren(flat);
        }
        return doc;
    }

    /** What an element's descendants show, as a flat list of new nodes: text, line breaks, images. */
    private static List<Node> flattened(Element top, String stage) {
        List<Node> flat = new ArrayList<>();
        NodeTraversor.filter(new NodeFilter() {
            private int seen;

            @Override
            public FilterResult head(Node node, int depth) {
                if ((++seen & 0x3FF) == 0) {
                    ContentBudget.check(stage);
                }
                if (node == top) {
                    return FilterResult.CONTINUE;
                }
                if (node instanceof TextNode t) {
                    flat.add(new TextNode(t.getWholeText()));
                    return FilterResult.CONTINUE;
                }
                if (!(node instanceof Element e)) {
                    return FilterResult.CONTINUE; // comments, script and style data
                }
                String tag = e.normalName();
                if (UNSHOWN.contains(tag) || e.hasAttr("hidden")) {
                    return FilterResult.SKIP_ENTIRELY;
                }
                if (KEPT_LEAVES.contains(tag)) {
                    flat.add(e.shallowClone());
                    return FilterResult.SKIP_CHILDREN;
                }
                if (e.isBlock()) {
                    lineBreak(flat);
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                if (node != top && node instanceof Element e && e.isBlock()) {
                    lineBreak(flat);
                }
                return FilterResult.CONTINUE;
            }
        }, top);
        return flat;
    }

    private static void lineBreak(List<Node> flat) {
        if (!flat.isEmpty() && !(flat.get(flat.size() - 1) instanceof Element e && e.normalName().equals("br"))) {
            flat.add(new Element("br"));
        }
    }
}
