package dev.mailtask.mail;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * Lenient Content-Transfer-Encoding decoders: they decode what can be decoded and skip the rest, never
 * throw. Unknown encodings and 7bit/8bit/binary pass the bytes through.
 */
final class TransferDecoding {

    private static final byte[] B64 = new byte[256];

    static {
        Arrays.fill(B64, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            B64[alphabet.charAt(i)] = (byte) i;
        }
        // URL-safe alphabet, seen in the wild
        B64['-'] = 62;
        B64['_'] = 63;
    }

    private TransferDecoding() {
    }

    /** The encoding token of a Content-Transfer-Encoding value, lower case, or "" for none. */
    static String normalize(String cte) {
        if (cte == null) {
            return "";
        }
        String s = cte.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() && (s.charAt(i) == '"' || s.charAt(i) == '\'')) {
            i++;
        }
        int j = i;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                break;
            }
            j++;
        }
        return s.substring(i, j);
    }

    /** True when the encoding leaves the bytes as they are. */
    static boolean isIdentity(String normalizedCte) {
        switch (normalizedCte) {
            case "base64":
            case "quoted-printable":
            case "uuencode":
            case "x-uuencode":
            case "x-uue":
            case "uue":
                return false;
            default:
                return true;
        }
    }

    static byte[] decode(byte[] raw, String normalizedCte) {
        return decode(raw, 0, raw.length, normalizedCte);
    }

    /** Decodes {@code len} bytes of {@code raw} from {@code off}; the result never shares {@code raw}'s array
     *  unless it is all of it. */
    static byte[] decode(byte[] raw, int off, int len, String normalizedCte) {
        byte[] exact = off == 0 && len == raw.length ? raw : null;
        switch (normalizedCte) {
            case "base64":
                return base64(raw, off, len);
            case "quoted-printable":
                return quotedPrintable(raw, off, len, false);
            case "uuencode":
            case "x-uuencode":
            case "x-uue":
            case "uue":
                return uudecode(exact != null ? exact : Arrays.copyOfRange(raw, off, off + len));
            default:
                return exact != null ? exact : Arrays.copyOfRange(raw, off, off + len);
        }
    }

    /**
     * Base64 that skips characters outside the alphabet, treats '=' as the end of the current quantum and
     * of its line (so concatenated padded blocks decode, trailing junk does not) and decodes a trailing
     * partial quantum.
     */
    static byte[] base64(byte[] in, int off, int len) {
        byte[] out = new byte[base64Into(in, off, len, null)];
        base64Into(in, off, len, out);
        return out;
    }

    /**
     * Decodes into {@code out}, or only counts when {@code out} is null: sizing the result exactly costs one
     * more pass over the text but no copy of a large attachment.
     */
    private static int base64Into(byte[] in, int off, int len, byte[] out) {
        int acc = 0;
        int n = 0;
        int written = 0;
        for (int i = off; i < off + len; i++) {
            int c = in[i] & 0xFF;
            if (c == '=') {
                written = flush(out, written, acc, n);
                acc = 0;
                n = 0;
                // padding ends the data of this line: text after it ("== ignored") is not base64, while a
                // next line may start a new padded block (mailers that encode line by line)
                while (i + 1 < off + len && in[i + 1] != '\n' && in[i + 1] != '\r') {
                    i++;
                }
                continue;
            }
            int v = B64[c];
            if (v < 0) {
                continue;
            }
            acc = (acc << 6) | v;
            n++;
            if (n == 4) {
                if (out != null) {
                    out[written] = (byte) (acc >> 16);
                    out[written + 1] = (byte) (acc >> 8);
                    out[written + 2] = (byte) acc;
                }
                written += 3;
                acc = 0;
                n = 0;
            }
        }
        return flush(out, written, acc, n);
    }

    private static int flush(byte[] out, int written, int acc, int n) {
        if (n == 2) {
            if (out != null) {
                out[written] = (byte) (acc >> 4);
            }
            return written + 1;
        }
        if (n == 3) {
            if (out != null) {
                out[written] = (byte) (acc >> 10);
                out[written + 1] = (byte) (acc >> 2);
            }
            return written + 2;
        }
        return written;
    }

    /**
     * Quoted-printable: "=XX" becomes the byte, "=" before a line end (with optional trailing blanks) is a
     * soft break, any other "=" stays literal. In RFC 2047 Q mode ({@code header}) '_' is a space.
     */
    static byte[] quotedPrintable(byte[] in, int off, int len, boolean header) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(len);
        int end = off + len;
        int i = off;
        while (i < end) {
            int c = in[i] & 0xFF;
            if (c == '=') {
                if (i + 2 < end) {
                    int h = hex(in[i + 1]);
                    int l = hex(in[i + 2]);
                    if (h >= 0 && l >= 0) {
                        out.write(h << 4 | l);
                        i += 3;
                        continue;
                    }
                }
                // soft line break: '=' [blanks] CRLF | LF | CR | end of data
                int j = i + 1;
                while (j < end && (in[j] == ' ' || in[j] == '\t')) {
                    j++;
                }
                if (j >= end) {
                    i = j;
                    continue;
                }
                if (in[j] == '\r') {
                    i = j + 1 < end && in[j + 1] == '\n' ? j + 2 : j + 1;
                    continue;
                }
                if (in[j] == '\n') {
                    i = j + 1;
                    continue;
                }
                out.write('=');
                i++;
                continue;
            }
            if (header && c == '_') {
                out.write(' ');
            } else {
                out.write(c);
            }
            i++;
        }
        return out.toByteArray();
    }

    private static int hex(byte b) {
        int c = b & 0xFF;
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** uuencode: decodes the lines between "begin" and "end"; without a "begin" line, every line. */
    static byte[] uudecode(byte[] in) {
        String text = CharsetDetection.latin1(in, 0, in.length);
        String[] lines = text.split("\r\n|\r|\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length * 3 / 4);
        boolean hasBegin = false;
        for (String l : lines) {
            if (l.startsWith("begin ")) {
                hasBegin = true;
                break;
            }
        }
        boolean inData = !hasBegin;
        for (String line : lines) {
            if (!inData) {
                if (line.startsWith("begin ")) {
                    inData = true;
                }
                continue;
            }
            if (line.equals("end") || line.startsWith("end ")) {
                break;
            }
            if (line.isEmpty()) {
                continue;
            }
            int n = (line.charAt(0) - 32) & 0x3F;
            if (n == 0) {
                continue;
            }
            int written = 0;
            for (int i = 1; i < line.length() && written < n; i += 4) {
                int c0 = uu(line, i);
                int c1 = uu(line, i + 1);
                int c2 = uu(line, i + 2);
                int c3 = uu(line, i + 3);
                int acc = c0 << 18 | c1 << 12 | c2 << 6 | c3;
                for (int k = 2; k >= 0 && written < n; k--) {
                    out.write(acc >> (8 * k));
                    written++;
                }
            }
        }
        return out.toByteArray();
    }

    private static int uu(String s, int i) {
        return i < s.length() ? (s.charAt(i) - 32) & 0x3F : 0;
    }
}
