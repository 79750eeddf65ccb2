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
 *   <li>any charset Java knows; unknown or bogus charsets fall back to {@link CharsetDetection} (adjacent
 *       words with unknown labels together, whatever the labels);</li>
 *   <li>broken base64 / quoted-printable decodes as far as it can; nothing throws;</li>
 *   <li>past the first {@value #CAREFUL_RUNS} runs of words in one value, no detection: each run is decoded as
 *       labelled (unknown labels: UTF-8 when valid, else the hint), which keeps a value of thousands of encoded
 *       words linear.</li>
 * </ul>
 */
final class EncodedWords {

    /**
     * Runs of words (one charset each) per value decoded with detection of mislabelled and unlabelled text;
     * later ones as labelled. A subject has a handful.
     */
    private static final int CAREFUL_RUNS = 20;

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
        int[] runs = {0};
        while (m.find()) {
            String between = s.substring(last, m.start());
            boolean adjacent = previousWasWord && between.isBlank();
            String charset = m.group(1);
            // words with labels Java does not know are detected together (one detection, not one per word)
            boolean sameRun = charset.equalsIgnoreCase(runCharset)
                    || runCharset != null && CharsetDetection.lookup(charset) == null
                            && CharsetDetection.lookup(runCharset) == null;
            if (!adjacent || !sameRun) {
                flush(out, run, runCharset, hint, runs);
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
        flush(out, run, runCharset, hint, runs);
        out.append(s, last, s.length());
        return out.toString();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream run, String charset, Charset hint,
            int[] runs) {
        if (run.size() == 0) {
            return;
        }
        byte[] b = run.toByteArray();
        run.reset();
        if (++runs[0] <= CAREFUL_RUNS) {
            out.append(CharsetDetection.decode(b, 0, b.length, charset, hint));
            return;
        }
        // no detection past that: thousands of words in one value must not cost a detection each
        Charset known = CharsetDetection.lookup(charset);
        Charset cs = known != null ? known : CharsetDetection.isValidUtf8(b) ? StandardCharsets.UTF_8
                : hint != null ? hint : CharsetDetection.WINDOWS_1252;
        out.append(CharsetDetection.decodeWith(b, 0, b.length, cs));
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
