package dev.mailtask.outbound;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Header-bound text: the two policies for untrusted values and the RFC 2047 / RFC 2231 / folding
 * primitives the composer writes with.
 * <ul>
 *   <li><b>Strict</b> ({@link #address}, {@link #messageId}, {@link #requireVisibleAscii}): addresses, ids,
 *       tokens, content types. Any CR, LF, NUL, other control character, space or non-ASCII character is an
 *       {@link IllegalArgumentException} naming the field; nothing is ever stripped.</li>
 *   <li><b>Free text</b> ({@link #freeText}): subject, display names, attachment file names. Control
 *       characters (C0, DEL, C1, U+2028/U+2029) become spaces, runs of white space collapse to one, the ends
 *       are trimmed, unpaired surrogates become U+FFFD. A title with a stray tab or line break must not stop
 *       the mail, and the value is then written as plain words or RFC 2047 encoded words, so nothing in it
 *       can end the header line.</li>
 * </ul>
 */
final class HeaderText {

    /** Target line length (RFC 2047 asks for at most 76 on lines with encoded words; RFC 5322 says 78). */
    static final int LINE = 76;

    /**
     * UTF-8 bytes per encoded word: 39 bytes are 52 base64 characters, so a word is 64 characters long and
     * fits a line with "Subject: " or "From: " in front of it, and a continuation line.
     */
    private static final int WORD_BYTES = 39;

    /** A plain word longer than this is written encoded, so the header can always be folded under 998. */
    private static final int LONG_WORD = 70;

    private static final String ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~-";
    private static final Pattern LOCAL = Pattern.compile("[" + ATEXT + "]+(?:\\.[" + ATEXT + "]+)*");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern PHRASE_WORD = Pattern.compile("[" + ATEXT + "]+");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HeaderText() {
    }

    // ---------------------------------------------------------------------------------------- policies

    static boolean isControl(int cp) {
        return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029;
    }

    /** The free-text policy: controls to spaces, white space collapsed, trimmed; never null. */
    static String freeText(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isSurrogate((char) cp)) {
                cp = 0xFFFD;
            }
            if (isControl(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = true;
                continue;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /** Printable form of an untrusted value for an exception message (controls shown as \\uXXXX). */
    static String shown(String s) {
        StringBuilder out = new StringBuilder();
        int n = Math.min(s.length(), 200);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append(s.length() > n ? "..." : "").toString();
    }

    /** Refuses controls first (the injection case gets its own message), then anything not visible ASCII. */
    static void requireVisibleAscii(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + ": missing");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isControl(c)) {
                throw new IllegalArgumentException(field + ": control character U+" + String.format("%04X", (int) c)
                        + " refused (header injection) in \"" + shown(value) + "\"");
            }
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c > 0x7E) {
                throw new IllegalArgumentException(field + ": character '" + c + "' not allowed in \""
                        + shown(value) + "\"");
            }
        }
    }

    /**
     * A syntactically valid addr-spec: dot-atom local part (ASCII, at most 64), one '@', a host name of
     * LDH labels (an internationalised domain is converted to its ASCII form; at most 253). No spaces, no
     * quoted local parts, no domain literals, no comments.
     *
     * @return the address with the domain in ASCII (and as written otherwise)
     */
    static String address(String field, String address) {
        if (address == null || address.isEmpty()) {
            throw new IllegalArgumentException(field + ": missing address");
        }
        for (int i = 0; i < address.length(); i++) {
            if (isControl(address.charAt(i))) {
                throw new IllegalArgumentException(field + ": control character U+"
                        + String.format("%04X", (int) address.charAt(i)) + " refused (header injection) in \""
                        + shown(address) + "\"");
            }
        }
        int at = address.indexOf('@');
        if (at <= 0 || at != address.lastIndexOf('@') || at == address.length() - 1) {
            throw new IllegalArgumentException(field + ": not an address (needs exactly one '@'): \""
                    + shown(address) + "\"");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            throw new IllegalArgumentException(field + ": invalid local part in \"" + shown(address) + "\"");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": invalid domain in \"" + shown(address) + "\"");
        }
        if (ascii.isEmpty() || ascii.length() > 253) {
            throw new IllegalArgumentException(field + ": invalid domain in \"" + shown(address) + "\"");
        }
        for (String label : ascii.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new IllegalArgumentException(field + ": invalid domain in \"" + shown(address) + "\"");
            }
        }
        return local + "@" + ascii;
    }

    /**
     * A message id without angle brackets (one enclosing pair is removed if given): visible ASCII without
     * '<', '>' or '"', one '@' with text on both sides, at most 250 characters.
     */
    static String messageId(String field, String id) {
        if (id == null) {
            throw new IllegalArgumentException(field + ": missing message id");
        }
        String v = id;
        if (v.length() >= 2 && v.charAt(0) == '<' && v.charAt(v.length() - 1) == '>') {
            v = v.substring(1, v.length() - 1);
        }
        requireVisibleAscii(field, v);
        int at = v.lastIndexOf('@');
        if (v.length() > 250 || at <= 0 || at == v.length() - 1 || v.indexOf('@') != at
                || v.indexOf('<') >= 0 || v.indexOf('>') >= 0 || v.indexOf('"') >= 0) {
            throw new IllegalArgumentException(field + ": not a message id: \"" + shown(id) + "\"");
        }
        return v;
    }

    static boolean isValidMessageId(String id) {
        try {
            messageId("id", id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------------------------------- writing

    /** Unstructured text (Subject): plain ASCII words as they are, runs of other words as encoded words. */
    static String unstructured(String text) {
        if (text.isEmpty()) {
            return "";
        }
        String[] words = text.split(" ");
        List<String> out = new ArrayList<>();
        StringBuilder run = null;
        for (String w : words) {
            if (needsEncoding(w)) {
                if (run == null) {
                    run = new StringBuilder(w);
                } else {
                    run.append(' ').append(w);
                }
            } else {
                if (run != null) {
                    out.add(encodedWords(run.toString()));
                    run = null;
                }
                out.add(w);
            }
        }
        if (run != null) {
            out.add(encodedWords(run.toString()));
        }
        return String.join(" ", out);
    }

    private static boolean needsEncoding(String word) {
        if (word.length() > LONG_WORD || word.contains("=?") || word.contains("?=")) {
            return true;
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return true;
            }
        }
        return false;
    }

    /** A display name as an RFC 5322 phrase: atoms as they are, else a quoted string, else encoded words. */
    static String phrase(String name) {
        boolean atoms = true;
        boolean encode = false;
        for (String w : name.split(" ")) {
            if (needsEncoding(w)) {
                encode = true;
            }
            if (!PHRASE_WORD.matcher(w).matches()) {
                atoms = false;
            }
        }
        if (encode) {
            return encodedWords(name);
        }
        if (atoms) {
            return name;
        }
        return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** {@code Name <address>} or the bare address. */
    static String mailbox(String name, String address) {
        return name.isEmpty() ? address : phrase(name) + " <" + address + ">";
    }

    /** UTF-8 "B" encoded words of at most {@value #WORD_BYTES} bytes each, whole code points, space-separated. */
    static String encodedWords(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int start = i;
            int bytes = 0;
            while (i < text.length()) {
                int cp = text.codePointAt(i);
                int len = utf8Length(cp);
                if (bytes + len > WORD_BYTES && i > start) {
                    break;
                }
                bytes += len;
                i += Character.charCount(cp);
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append("=?UTF-8?B?")
                    .append(Base64.getEncoder().encodeToString(text.substring(start, i).getBytes(StandardCharsets.UTF_8)))
                    .append("?=");
        }
        return out.toString();
    }

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    /** RFC 2231 attr-char. */
    private static boolean attrChar(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || "!#$&+-.^_`|~".indexOf(b) >= 0;
    }

    /**
     * A file-name parameter: {@code name="plain.pdf"} for short printable ASCII names, else the RFC 2231
     * extended form ({@code name*=UTF-8''%D0%9E...}), split into continuations ({@code name*0*=...;
     * name*1*=...}) when long. The result is a list of parameters, each to be written as "; " + it.
     */
    static List<String> fileNameParams(String param, String fileName) {
        boolean plain = fileName.length() <= 60;
        for (int i = 0; plain && i < fileName.length(); i++) {
            char c = fileName.charAt(i);
            plain = c >= 0x20 && c <= 0x7E && c != '"' && c != '\\' && !(c == '=' && fileName.contains("=?"));
        }
        if (plain) {
            return List.of(param + "=\"" + fileName + "\"");
        }
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder("UTF-8''");
        // split between characters, never inside one: some decoders decode each segment on its own
        for (int i = 0; i < fileName.length(); ) {
            int cp = fileName.codePointAt(i);
            i += Character.charCount(cp);
            StringBuilder enc = new StringBuilder();
            for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                int u = b & 0xFF;
                if (attrChar(u)) {
                    enc.append((char) u);
                } else {
                    enc.append('%').append(HEX[u >> 4]).append(HEX[u & 15]);
                }
            }
            if (piece.length() + enc.length() > 54) {
                pieces.add(piece.toString());
                piece.setLength(0);
            }
            piece.append(enc);
        }
        pieces.add(piece.toString());
        if (pieces.size() == 1) {
            return List.of(param + "*=" + pieces.get(0));
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            out.add(param + "*" + i + "*=" + pieces.get(i));
        }
        return out;
    }

    /** The Content-Type {@code name} parameter: quoted, RFC 2047 encoded inside when not plain ASCII (Outlook reads it). */
    static String contentTypeName(String fileName) {
        List<String> p = fileNameParams("name", fileName);
        if (p.size() == 1 && p.get(0).startsWith("name=\"")) {
            return p.get(0);
        }
        return "name=\"" + encodedWords(fileName) + "\"";
    }

    /**
     * One header field, folded at spaces so lines stay within {@value #LINE} characters where a space
     * allows it, ending in CRLF. Every space in the value must be a legal folding point (true for what this
     * class produces: single spaces between words, encoded words, addresses, ids and parameters).
     */
    static String field(String name, String value) {
        String s = value.isEmpty() ? name + ":" : name + ": " + value;
        int min = name.length() + 2;
        StringBuilder out = new StringBuilder(s.length() + 16);
        int lineStart = 0;
        while (s.length() - lineStart > LINE) {
            int cut = s.lastIndexOf(' ', lineStart + LINE);
            if (cut <= lineStart || cut < min) {
                cut = s.indexOf(' ', Math.max(lineStart + 1, min));
                if (cut < 0) {
                    break;
                }
            }
            out.append(s, lineStart, cut).append("\r\n");
            lineStart = cut;
        }
        return out.append(s, lineStart, s.length()).append("\r\n").toString();
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
