package dev.mailtask.outbound;

import java.nio.charset.StandardCharsets;

/**
 * RFC 2045 quoted-printable for UTF-8 text parts. Line breaks of any kind (CRLF, CR, LF) become hard
 * CRLF breaks; encoded lines stay within 76 characters with soft breaks; '=' , non-ASCII bytes and
 * control characters other than TAB are escaped, as are TAB/SPACE at the end of a line and the 'F' of a
 * line starting with "From " (so mbox stores do not mangle it). Deterministic.
 */
final class QuotedPrintable {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final int MAX = 76;

    private QuotedPrintable() {
    }

    /** The text with line breaks normalised to "\n" and a final "\n" added when missing ("" stays ""). */
    static String normaliseLines(String text) {
        String t = text.replace("\r\n", "\n").replace('\r', '\n');
        return t.isEmpty() || t.endsWith("\n") ? t : t + "\n";
    }

    /** Encodes text whose lines end in "\n" (see {@link #normaliseLines}); every output line ends in CRLF. */
    static String encode(String normalised) {
        StringBuilder out = new StringBuilder(normalised.length() + normalised.length() / 4 + 16);
        int from = 0;
        while (from < normalised.length()) {
            int nl = normalised.indexOf('\n', from);
            int end = nl < 0 ? normalised.length() : nl;
            encodeLine(normalised.substring(from, end).getBytes(StandardCharsets.UTF_8), out);
            out.append("\r\n");
            from = end + 1;
        }
        return out.toString();
    }

    private static void encodeLine(byte[] line, StringBuilder out) {
        int col = 0;
        for (int i = 0; i < line.length; i++) {
            int b = line[i] & 0xFF;
            boolean last = i == line.length - 1;
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !last);
            if (i == 0 && b == 'F' && startsWithFrom(line)) {
                literal = false;
            }
            int width = literal ? 1 : 3;
            // keep room for the soft break '=' unless this is the last token of the line
            int room = last ? MAX : MAX - 1;
            if (col + width > room) {
                out.append("=\r\n");
                col = 0;
            }
            if (literal) {
                out.append((char) b);
            } else {
                out.append('=').append(HEX[b >> 4]).append(HEX[b & 15]);
            }
            col += width;
        }
    }

    private static boolean startsWithFrom(byte[] line) {
        byte[] from = {'F', 'r', 'o', 'm', ' '};
        if (line.length < from.length) {
            return false;
        }
        for (int i = 0; i < from.length; i++) {
            if (line[i] != from[i]) {
                return false;
            }
        }
        return true;
    }
}
