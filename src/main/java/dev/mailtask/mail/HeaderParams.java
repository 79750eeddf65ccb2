package dev.mailtask.mail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A lenient parse of a Content-Type or Content-Disposition value: the leading value (lower case) and the
 * parameters, with RFC 2231 extended values, continuations ({@code name*0*=...; name*1*=...}) and
 * charset'language' prefixes. Works on the raw header text (one char per raw byte), so 8-bit parameter
 * values can be recovered; {@link #decoded} does the decoding.
 */
final class HeaderParams {

    /** The leading value, lower case, trimmed, comments dropped; "" when absent. */
    final String value;

    private final Map<String, String> plain = new HashMap<>();
    private final Map<String, String> extended = new HashMap<>();
    private final Map<String, TreeMap<Integer, Segment>> continued = new HashMap<>();

    private record Segment(String text, boolean encoded) {
    }

    private HeaderParams(String value) {
        this.value = value;
    }

    static HeaderParams parse(String raw) {
        if (raw == null) {
            return new HeaderParams("");
        }
        String s = MailText.unfold(raw);
        int n = s.length();
        int i = 0;
        StringBuilder primary = new StringBuilder();
        while (i < n && s.charAt(i) != ';') {
            char c = s.charAt(i);
            if (c == '(') {
                i = skipComment(s, i);
                continue;
            }
            primary.append(c);
            i++;
        }
        HeaderParams p = new HeaderParams(primary.toString().trim().toLowerCase(Locale.ROOT));
        while (i < n) {
            // at ';' or at the start of a parameter
            while (i < n && (s.charAt(i) == ';' || Character.isWhitespace(s.charAt(i)))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int nameStart = i;
            while (i < n && s.charAt(i) != '=' && s.charAt(i) != ';') {
                i++;
            }
            String name = s.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
            if (i >= n || s.charAt(i) == ';') {
                continue; // a parameter without value: ignore
            }
            i++; // '='
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
                i++;
            }
            String val;
            if (i < n && s.charAt(i) == '"') {
                StringBuilder q = new StringBuilder();
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char c = s.charAt(i);
                    if (c == '\\' && i + 1 < n && (s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\')) {
                        q.append(s.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    q.append(c);
                    i++;
                }
                i++; // closing quote (or end)
                // junk after the closing quote up to ';' is ignored
                while (i < n && s.charAt(i) != ';') {
                    i++;
                }
                val = q.toString();
            } else {
                int vs = i;
                while (i < n && s.charAt(i) != ';') {
                    i++;
                }
                val = s.substring(vs, i).trim();
            }
            if (!name.isEmpty()) {
                p.add(name, val);
            }
        }
        return p;
    }

    private static int skipComment(String s, int i) {
        int depth = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
            i++;
        }
        return n;
    }

    private void add(String name, String val) {
        int star = name.indexOf('*');
        if (star < 0) {
            plain.putIfAbsent(name, val);
            return;
        }
        String base = name.substring(0, star);
        String rest = name.substring(star + 1);
        if (rest.isEmpty()) {
            extended.putIfAbsent(base, val);
            return;
        }
        boolean encoded = rest.endsWith("*");
        String digits = encoded ? rest.substring(0, rest.length() - 1) : rest;
        if (!digits.isEmpty() && digits.length() <= 4 && digits.chars().allMatch(Character::isDigit)) {
            continued.computeIfAbsent(base, k -> new TreeMap<>())
                    .putIfAbsent(Integer.parseInt(digits), new Segment(val, encoded));
        } else {
            plain.putIfAbsent(name, val);
        }
    }

    boolean has(String name) {
        return plain.containsKey(name) || extended.containsKey(name) || continued.containsKey(name);
    }

    /** The raw value (no decoding at all), continuations joined; null when absent. */
    String raw(String name) {
        String v = plain.get(name);
        if (v != null) {
            return v;
        }
        TreeMap<Integer, Segment> segs = continued.get(name);
        if (segs != null) {
            StringBuilder sb = new StringBuilder();
            segs.values().forEach(seg -> sb.append(seg.text));
            return sb.toString();
        }
        return extended.get(name);
    }

    /**
     * The decoded value, null when absent: RFC 2231 (extended value or continuations, charset'lang'
     * prefix, %XX bytes in that charset) wins over the plain parameter, which is 8-bit-recovered and
     * RFC 2047-decoded.
     */
    String decoded(String name, Charset hint) {
        String ext = extended.get(name);
        if (ext != null) {
            return decode2231(new TreeMap<>(Map.of(0, new Segment(ext, true))), hint);
        }
        TreeMap<Integer, Segment> segs = continued.get(name);
        if (segs != null) {
            boolean anyEncoded = segs.values().stream().anyMatch(Segment::encoded);
            if (anyEncoded) {
                return decode2231(segs, hint);
            }
            StringBuilder sb = new StringBuilder();
            segs.values().forEach(seg -> sb.append(seg.text));
            return decodePlain(sb.toString(), hint);
        }
        String v = plain.get(name);
        return v == null ? null : decodePlain(v, hint);
    }

    private static String decodePlain(String v, Charset hint) {
        return EncodedWords.decode(CharsetDetection.recover8bit(v, hint), hint);
    }

    private static String decode2231(TreeMap<Integer, Segment> segs, Charset hint) {
        String charset = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        for (Segment seg : segs.values()) {
            String text = seg.text;
            if (seg.encoded) {
                if (first) {
                    int a1 = text.indexOf('\'');
                    int a2 = a1 < 0 ? -1 : text.indexOf('\'', a1 + 1);
                    if (a2 > 0) {
                        charset = text.substring(0, a1);
                        text = text.substring(a2 + 1);
                    }
                }
                percentDecode(text, bytes);
            } else {
                byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
                bytes.write(b, 0, b.length);
            }
            first = false;
        }
        byte[] b = bytes.toByteArray();
        String out = CharsetDetection.decode(b, 0, b.length, charset == null || charset.isBlank() ? null : charset,
                hint);
        // some mailers put RFC 2047 words inside RFC 2231 values
        return EncodedWords.decode(out, hint);
    }

    private static void percentDecode(String text, ByteArrayOutputStream out) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < n) {
                int h = Character.digit(text.charAt(i + 1), 16);
                int l = Character.digit(text.charAt(i + 2), 16);
                if (h >= 0 && l >= 0) {
                    out.write(h << 4 | l);
                    i += 2;
                    continue;
                }
            }
            if (c <= 0xFF) {
                out.write(c);
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
    }
}
