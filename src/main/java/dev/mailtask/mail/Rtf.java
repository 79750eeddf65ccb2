package dev.mailtask.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of an RTF document (Outlook's compressed-RTF message body, decompressed): its plain text,
 * or the HTML it encapsulates when Outlook made the RTF from HTML ({@code \fromhtml1}, de-encapsulated as
 * in [MS-OXRTFEX]: the {@code \*\htmltagN} groups plus the text outside {@code \htmlrtf} regions). A
 * small reader, not a renderer: formatting, tables and pictures are dropped. Never throws.
 */
final class Rtf {

    /** What an RTF body says: html is null unless the RTF encapsulates HTML. */
    record Body(String text, String html) {
    }

    private static final int MAX_DEPTH = 500;

    /** Destinations whose content is not body text. */
    private static final Set<String> SKIP = Set.of("fonttbl", "colortbl", "stylesheet", "info", "pict", "object",
            "objdata", "header", "headerl", "headerr", "headerf", "footer", "footerl", "footerr", "footerf",
            "listtable", "listoverridetable", "revtbl", "rsidtbl", "generator", "fldinst", "themedata",
            "colorschememapping", "latentstyles", "datastore", "xmlnstbl", "filetbl", "userprops", "nonshppict",
            "shpinst", "footnote", "ftnsep", "ftnsepc", "aftnsep", "aftnsepc", "pntext", "pntxta", "pntxtb",
            "mmathPr", "template", "docvar", "xe", "tc", "bkmkstart", "bkmkend");

    /** Windows code page of an RTF \fcharset value. */
    private static final Map<Integer, Integer> FCHARSET_CP = Map.ofEntries(Map.entry(77, 10000),
            Map.entry(128, 932), Map.entry(129, 949), Map.entry(134, 936), Map.entry(136, 950),
            Map.entry(161, 1253), Map.entry(162, 1254), Map.entry(163, 1258), Map.entry(177, 1255),
            Map.entry(178, 1256), Map.entry(186, 1257), Map.entry(204, 1251), Map.entry(222, 874),
            Map.entry(238, 1250));

    private Rtf() {
    }

    /** The text and (for HTML-made RTF) the HTML of an RTF document held one char per byte; null on junk. */
    static Body read(String rtf) {
        if (rtf == null || !rtf.startsWith("{\\rtf")) {
            return null;
        }
        try {
            Reader r = new Reader(rtf);
            r.run();
            String text = MailText.normalizeLineEnds(r.text.toString()).strip();
            if (r.fromHtml) {
                String html = r.html.toString();
                return new Body(HtmlToText.render(html), html);
            }
            return new Body(text, null);
        } catch (ContentBudget.Exceeded e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /** Charset of a Windows code page, windows-1252 when unknown. */
    static Charset codePage(int cp) {
        Charset c = switch (cp) {
            case 932 -> CharsetDetection.forNameOrNull("windows-31j");
            case 936 -> CharsetDetection.forNameOrNull("GB18030");
            case 949 -> CharsetDetection.forNameOrNull("x-windows-949");
            case 950 -> CharsetDetection.forNameOrNull("x-windows-950");
            case 874 -> CharsetDetection.forNameOrNull("x-windows-874");
            case 10000 -> CharsetDetection.forNameOrNull("x-MacRoman");
            case 20866 -> CharsetDetection.KOI8_R;
            case 65001 -> java.nio.charset.StandardCharsets.UTF_8;
            default -> cp >= 1250 && cp <= 1258 ? CharsetDetection.forNameOrNull("windows-" + cp) : null;
        };
        return c == null ? CharsetDetection.WINDOWS_1252 : c;
    }

    private static final class State {
        boolean skip;
        boolean htmlTag;
        boolean htmlRtf;
        int uc = 1;
        Charset charset;

        State copy() {
            State s = new State();
            s.skip = skip;
            s.htmlTag = htmlTag;
            s.htmlRtf = htmlRtf;
            s.uc = uc;
            s.charset = charset;
            return s;
        }
    }

    private static final class Reader {
        final String in;
        int pos;
        final StringBuilder text = new StringBuilder();
        final StringBuilder html = new StringBuilder();
        boolean fromHtml;
        Charset ansi = CharsetDetection.WINDOWS_1252;
        final Map<Integer, Charset> fonts = new HashMap<>();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Charset bytesCharset;
        /** Characters still to skip after a \\uN (its ANSI fallback). */
        int pendingSkip;
        /** Inside the font table: the font being defined. */
        int fontNumber = -1;
        int fontTableDepth = -1;
        State st = new State();
        final Deque<State> stack = new ArrayDeque<>();

        Reader(String in) {
            this.in = in;
        }

        void run() {
            int n = in.length();
            int steps = 0;
            while (pos < n) {
                if ((++steps & 0xFFF) == 0) {
                    ContentBudget.check("rtf reading");
                }
                char c = in.charAt(pos);
                if (c == '{') {
                    flushBytes();
                    if (stack.size() > MAX_DEPTH) {
                        throw new IllegalStateException("RTF nested too deeply");
                    }
                    stack.push(st);
                    st = st.copy();
                    pos++;
                    // "{\*\dest": an ignorable destination, unless it is an HTML tag of HTML-made RTF
                    if (in.startsWith("\\*", pos)) {
                        pos += 2;
                        int save = pos;
                        String word = controlWord();
                        if (word != null && word.startsWith("htmltag") && fromHtml) {
                            st.htmlTag = true;
                            st.skip = false;
                            skipParameterAndSpace();
                        } else {
                            st.skip = true;
                            pos = save;
                        }
                    }
                } else if (c == '}') {
                    flushBytes();
                    if (stack.size() - 1 < fontTableDepth) {
                        fontTableDepth = -1;
                    }
                    if (stack.isEmpty()) {
                        return; // the document's group is closed: what follows is padding
                    }
                    st = stack.pop();
                    pos++;
                    if (stack.isEmpty()) {
                        return;
                    }
                } else if (c == '\\') {
                    control();
                } else if (c == '\r' || c == '\n') {
                    pos++;
                } else {
                    pos++;
                    if (fontTableDepth >= 0) {
                        continue;
                    }
                    if (pendingSkip > 0) {
                        pendingSkip--;
                        continue;
                    }
                    flushBytes();
                    emit(String.valueOf(c));
                }
            }
            flushBytes();
        }

        /** A control word's letters at pos (pos moved past them), or null when pos holds no letter. */
        String controlWord() {
            if (pos >= in.length() || in.charAt(pos) != '\\') {
                return null;
            }
            int s = pos + 1;
            int e = s;
            while (e < in.length() && isAsciiLetter(in.charAt(e))) {
                e++;
            }
            if (e == s) {
                return null;
            }
            pos = e;
            return in.substring(s, e);
        }

        void skipParameterAndSpace() {
            if (pos < in.length() && in.charAt(pos) == '-') {
                pos++;
            }
            while (pos < in.length() && Character.isDigit(in.charAt(pos))) {
                pos++;
            }
            if (pos < in.length() && in.charAt(pos) == ' ') {
                pos++;
            }
        }

        void control() {
            int n = in.length();
            if (pos + 1 >= n) {
                pos = n;
                return;
            }
            char c = in.charAt(pos + 1);
            if (!isAsciiLetter(c)) {
                pos += 2;
                switch (c) {
                    case '\'' -> {
                        if (pos + 2 > n) {
                            pos = n; // truncated \'h
                        } else {
                            int v = hex(in.charAt(pos)) * 16 + hex(in.charAt(pos + 1));
                            pos += 2;
                            if (v >= 0 && fontTableDepth < 0) {
                                if (pendingSkip > 0) {
                                    pendingSkip--;
                                } else {
                                    addByte(v);
                                }
                            }
                        }
                    }
                    case '\\', '{', '}' -> plain(String.valueOf(c));
                    case '~' -> plain("\u00A0");
                    case '_' -> plain("-");
                    case '\r', '\n' -> plain("\n"); // "\<newline>" is \par
                    case '*' -> st.skip = true;
                    default -> {
                        // \- optional hyphen, \: index entry separator and the like: nothing to show
                    }
                }
                return;
            }
            int s = pos + 1;
            int e = s;
            while (e < n && isAsciiLetter(in.charAt(e))) {
                e++;
            }
            String word = in.substring(s, e);
            boolean hasParam = false;
            int param = 0;
            int p = e;
            boolean neg = p < n && in.charAt(p) == '-';
            if (neg) {
                p++;
            }
            int digitsStart = p;
            while (p < n && Character.isDigit(in.charAt(p)) && p - digitsStart < 10) {
                p++;
            }
            if (p > digitsStart) {
                hasParam = true;
                long v = Long.parseLong(in.substring(digitsStart, p));
                param = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, neg ? -v : v));
            } else if (neg) {
                p--;
            }
            if (p < n && in.charAt(p) == ' ') {
                p++;
            }
            pos = p;
            word(word, hasParam, param);
        }

        void word(String w, boolean hasParam, int param) {
            if (w.equals("bin")) {
                pos = Math.min(in.length(), pos + Math.max(0, param));
                return;
            }
            if (w.equals("fonttbl")) {
                fontTableDepth = stack.size();
                return;
            }
            if (fontTableDepth >= 0) {
                if (w.equals("f") && hasParam) {
                    fontNumber = param;
                } else if (w.equals("fcharset") && hasParam && fontNumber >= 0) {
                    Integer cp = FCHARSET_CP.get(param);
                    if (cp != null) {
                        fonts.put(fontNumber, codePage(cp));
                    }
                }
                return;
            }
            if (SKIP.contains(w)) {
                st.skip = true;
                return;
            }
            switch (w) {
                case "ansicpg" -> ansi = hasParam ? codePage(param) : ansi;
                case "fromhtml" -> fromHtml = !hasParam || param != 0;
                case "htmlrtf" -> st.htmlRtf = !hasParam || param != 0;
                case "f" -> {
                    flushBytes();
                    st.charset = hasParam ? fonts.get(param) : null;
                }
                case "uc" -> st.uc = hasParam ? Math.max(0, Math.min(param, 10)) : 1;
                case "u" -> {
                    if (hasParam) {
                        plain(String.valueOf((char) (param < 0 ? param + 65536 : param)));
                        pendingSkip = st.uc;
                    }
                }
                case "par", "line", "sect", "page", "row" -> newline();
                case "tab", "cell" -> plain("\t");
                case "emdash" -> plain("\u2014");
                case "endash" -> plain("\u2013");
                case "lquote" -> plain("\u2018");
                case "rquote" -> plain("\u2019");
                case "ldblquote" -> plain("\u201C");
                case "rdblquote" -> plain("\u201D");
                case "bullet" -> plain("\u2022");
                default -> {
                    // formatting: nothing to show
                }
            }
        }

        void newline() {
            // in HTML-made RTF, \par inside an HTML tag or outside \htmlrtf is a line break of the HTML source
            plain(fromHtml ? "\r\n" : "\n");
        }

        void plain(String s) {
            if (fontTableDepth >= 0) {
                return;
            }
            if (pendingSkip > 0) {
                pendingSkip--;
                return;
            }
            flushBytes();
            emit(s);
        }

        void emit(String s) {
            if (st.skip) {
                return;
            }
            if (fromHtml) {
                if (st.htmlTag || !st.htmlRtf) {
                    html.append(s);
                }
            } else {
                text.append(s);
            }
        }

        void addByte(int v) {
            Charset cs = st.charset != null ? st.charset : ansi;
            if (bytes.size() > 0 && !cs.equals(bytesCharset)) {
                flushBytes();
            }
            bytesCharset = cs;
            bytes.write(v);
        }

        void flushBytes() {
            if (bytes.size() == 0) {
                return;
            }
            byte[] b = bytes.toByteArray();
            bytes.reset();
            emit(CharsetDetection.decodeWith(b, 0, b.length, bytesCharset));
        }

        private static boolean isAsciiLetter(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        }

        private static int hex(char c) {
            int v = Character.digit(c, 16);
            return v < 0 ? -1000 : v;
        }
    }
}
