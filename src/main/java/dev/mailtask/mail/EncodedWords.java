package dev.mailtask.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lenient RFC 2047 decoding. Differences from strict decoding, all on purpose:
 * <ul>
 *   <li>encoded words are decoded anywhere, also inside quoted strings and glued to other text;</li>
 *   <li>whitespace (including folding) between adjacent encoded words is dropped, and adjacent words in
 *       the same charset are joined at the byte level before decoding, so a multi-byte character split
 *       across two words decodes correctly;</li>
 *   <li>any charset Java knows; unknown or bogus charsets fall back to {@link CharsetDetection};</li>
 *   <li>broken base64 / quoted-printable decodes as far as it can; nothing throws.</li>
 * </ul>
 */
final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]{1,80})\\?([bBqQ])\\?([^?]*)\\?=");

    private EncodedWords() {
    }

    /** Decodes the encoded words of already 8-bit-recovered header text. */
    static String decode(String s, Charset hint) {
        if (s == null || s.indexOf("=?") < 0) {
            return s;
        }
        Matcher m = WORD.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        int last = 0;
        boolean previousWasWord = false;
        String runCharset = null;
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        while (m.find()) {
            String between = s.substring(last, m.start());
            boolean adjacent = previousWasWord && between.isBlank();
            String charset = m.group(1);
            if (!adjacent || !charset.equalsIgnoreCase(runCharset)) {
                flush(out, run, runCharset, hint);
                runCharset = charset;
            }
            if (!adjacent) {
                out.append(between);
            }
            byte[] bytes = wordBytes(m.group(2), m.group(3));
            run.write(bytes, 0, bytes.length);
            previousWasWord = true;
            last = m.end();
        }
        flush(out, run, runCharset, hint);
        out.append(s, last, s.length());
        return out.toString();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream run, String charset, Charset hint) {
        if (run.size() == 0) {
            return;
        }
        byte[] b = run.toByteArray();
        run.reset();
        out.append(CharsetDetection.decode(b, 0, b.length, charset, hint));
    }

    private static byte[] wordBytes(String encoding, String text) {
        byte[] in = toBytes(text);
        if (encoding.equalsIgnoreCase("B")) {
            return TransferDecoding.base64(in, 0, in.length);
        }
        return TransferDecoding.quotedPrintable(in, 0, in.length, true);
    }

    private static byte[] toBytes(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
