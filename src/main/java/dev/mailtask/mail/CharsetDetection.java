package dev.mailtask.mail;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mozilla.universalchardet.UniversalDetector;

/**
 * Charset look-up and detection for mail text. Never throws on bad input: unknown labels fall back to
 * detection, malformed bytes become U+FFFD.
 *
 * <p>Detection order for bytes whose charset is unknown (no label, a bogus label, or {@code us-ascii} over
 * 8-bit bytes):
 * <ol>
 *   <li>pure ASCII: ASCII (or ISO-2022-JP when it carries ISO-2022-JP escape sequences);</li>
 *   <li>valid UTF-8, or UTF-8 with only a few broken sequences among many good ones: UTF-8;</li>
 *   <li>juniversalchardet: a multi-byte answer (Shift_JIS, EUC-JP, GB18030, Big5, EUC-KR, ...) is taken
 *       as is (plus a caller's multi-byte hint that decodes cleanly);</li>
 *   <li>for single-byte text, juniversalchardet is unreliable on the short strings mail is full of
 *       (subjects, names): it confuses windows-1251 with MacCyrillic or ISO-8859-8 and German with
 *       MacCyrillic. So its answer, the caller's hint, windows-1251, KOI8-R and windows-1252 are each
 *       decoded and scored for plausibility (words in one script, sensible letter case, Russian letter
 *       frequencies for Cyrillic words, no control or unmapped characters, Latin words that are not made
 *       only of accented letters); the best wins, ties go to the earlier candidate;</li>
 *   <li>windows-1252 when nothing else applies.</li>
 * </ol>
 * Labelled text is decoded as labelled, except: UTF-8 labels over bytes that are mostly not UTF-8, and
 * Latin-1 labels (iso-8859-1, windows-1252, iso-8859-15) over bytes that are UTF-8 or whose Latin-1 reading
 * is implausible and that detection reads as real text in another charset ({@link #mislabelledLatin1}).
 */
final class CharsetDetection {

    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    static final Charset WINDOWS_1251 = Charset.forName("windows-1251");
    static final Charset KOI8_R = Charset.forName("KOI8-R");

    /**
     * Every charset this JVM supports, by lower-case name and alias. {@link Charset#forName} searches the
     * class path for charset providers on every name it does not know (about a millisecond each), and a
     * sender can write a different unknown name into each of thousands of encoded words.
     */
    private static final Map<String, Charset> SUPPORTED = supported();

    /** How many bytes detection looks at; keeps detection bounded on huge bodies. */
    private static final int SAMPLE = 64 * 1024;

    /** Labels Java does not know, or knows as a narrower charset than mail software really uses. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("iso-8859-1", "windows-1252"),
            Map.entry("iso8859-1", "windows-1252"),
            Map.entry("iso_8859-1", "windows-1252"),
            Map.entry("latin1", "windows-1252"),
            Map.entry("latin-1", "windows-1252"),
            Map.entry("l1", "windows-1252"),
            Map.entry("cp819", "windows-1252"),
            Map.entry("iso-8859-9", "windows-1254"),
            Map.entry("iso-8859-11", "x-windows-874"),
            Map.entry("tis-620", "x-windows-874"),
            Map.entry("windows-874", "x-windows-874"),
            Map.entry("iso-8859-8-i", "ISO-8859-8"),
            Map.entry("iso-8859-8-e", "ISO-8859-8"),
            Map.entry("iso-8859-6-i", "ISO-8859-6"),
            Map.entry("iso-8859-6-e", "ISO-8859-6"),
            Map.entry("gb2312", "GB18030"),
            Map.entry("gbk", "GB18030"),
            Map.entry("x-gbk", "GB18030"),
            Map.entry("csgb2312", "GB18030"),
            Map.entry("gb_2312-80", "GB18030"),
            Map.entry("chinese", "GB18030"),
            Map.entry("euc-cn", "GB18030"),
            Map.entry("x-euc-cn", "GB18030"),
            Map.entry("hz-gb-2312", "GB18030"),
            Map.entry("big5", "Big5-HKSCS"),
            Map.entry("x-x-big5", "Big5-HKSCS"),
            Map.entry("shift_jis", "windows-31j"),
            Map.entry("shift-jis", "windows-31j"),
            Map.entry("sjis", "windows-31j"),
            Map.entry("x-sjis", "windows-31j"),
            Map.entry("ms_kanji", "windows-31j"),
            Map.entry("ks_c_5601-1987", "x-windows-949"),
            Map.entry("ks_c_5601", "x-windows-949"),
            Map.entry("ks_c_5601-1989", "x-windows-949"),
            Map.entry("euc-kr", "x-windows-949"),
            Map.entry("korean", "x-windows-949"),
            // Microsoft's superset: decodes NEC/IBM extensions (circled digits etc.) common in Japanese mail
            Map.entry("iso-2022-jp", "x-windows-50220"),
            Map.entry("csiso2022jp", "x-windows-50220"),
            Map.entry("utf8", "UTF-8"),
            Map.entry("unicode-1-1-utf-8", "UTF-8"),
            Map.entry("x-unicode20utf8", "UTF-8"),
            Map.entry("koi8r", "KOI8-R"),
            Map.entry("koi8", "KOI8-R"),
            Map.entry("cskoi8r", "KOI8-R"),
            Map.entry("koi8u", "KOI8-U"),
            Map.entry("maccyrillic", "x-MacCyrillic"),
            Map.entry("x-mac-cyrillic", "x-MacCyrillic"),
            Map.entry("ibm855", "IBM855"),
            Map.entry("ibm866", "IBM866"),
            Map.entry("cp866", "IBM866"),
            Map.entry("ascii", "US-ASCII"),
            Map.entry("us_ascii", "US-ASCII"),
            Map.entry("ansi_x3.4-1968", "US-ASCII"));

    /** For undeclared ISO-2022-JP (7-bit with escape sequences); after ALIASES, which it uses. */
    private static final Charset ISO_2022_JP = lookup("ISO-2022-JP");

    private CharsetDetection() {
    }

    // ------------------------------------------------------------------ look-up

    /** The charset a label names, or null when the label is absent, bogus or unsupported. */
    static Charset lookup(String label) {
        if (label == null) {
            return null;
        }
        String l = label.trim();
        if (l.length() >= 2 && (l.charAt(0) == '"' || l.charAt(0) == '\'')) {
            l = l.substring(1, l.length() - 1).trim();
        }
        // RFC 2231 language suffix in encoded words: "utf-8*ru"
        int star = l.indexOf('*');
        if (star >= 0) {
            l = l.substring(0, star);
        }
        l = l.toLowerCase(Locale.ROOT);
        if (l.isEmpty()) {
            return null;
        }
        String alias = ALIASES.get(l);
        if (alias != null) {
            return forNameOrNull(alias);
        }
        // "cp1251", "win-1251", "windows1251", "x-cp1251" -> windows-1251
        String digits = null;
        for (String prefix : new String[] {"x-cp", "cp-", "cp", "win-", "windows", "win"}) {
            if (l.startsWith(prefix)) {
                String rest = l.substring(prefix.length());
                if (rest.length() == 4 && rest.startsWith("125") && rest.charAt(3) >= '0' && rest.charAt(3) <= '8') {
                    digits = rest;
                }
                break;
            }
        }
        if (digits != null) {
            return forNameOrNull("windows-" + digits);
        }
        return forNameOrNull(l);
    }

    static Charset forNameOrNull(String name) {
        return name == null ? null : SUPPORTED.get(name.toLowerCase(Locale.ROOT));
    }

    private static Map<String, Charset> supported() {
        Map<String, Charset> all = new java.util.HashMap<>();
        for (Charset c : Charset.availableCharsets().values()) {
            all.put(c.name().toLowerCase(Locale.ROOT), c);
            for (String alias : c.aliases()) {
                all.putIfAbsent(alias.toLowerCase(Locale.ROOT), c);
            }
        }
        return Map.copyOf(all);
    }

    // ------------------------------------------------------------------ decoding

    /**
     * Decodes bytes that carry {@code label} (may be null): a known label is honoured, an absent, bogus
     * or {@code us-ascii} label over 8-bit bytes falls back to {@link #detect}. {@code hint} (may be null)
     * is a charset the rest of the mail declares, preferred by detection on a tie.
     */
    static String decode(byte[] bytes, String label, Charset hint) {
        return decode(bytes, 0, bytes.length, label, hint);
    }

    static String decode(byte[] b, int off, int len, String label, Charset hint) {
        Charset declared = lookup(label);
        if (declared != null && !isAscii(declared)) {
            if (declared.equals(StandardCharsets.UTF_8)) {
                if (isAscii(b, off, len)) {
                    return latin1(b, off, len);
                }
                int[] stats = utf8Stats(b, off, len);
                if (stats[1] == 0 || stats[0] > 2 * stats[1]) {
                    return stripBom(decodeWith(b, off, len, StandardCharsets.UTF_8));
                }
                // labelled UTF-8 but mostly not UTF-8 (e.g. windows-1251 sent as "utf-8"): detect, when
                // detection finds readable text; a few garbage bytes stay U+FFFD under the label
                String detected = decodeWith(b, off, len, detect(b, off, len, hint));
                if (plausibility(detected) > 0) {
                    return detected;
                }
                return stripBom(decodeWith(b, off, len, StandardCharsets.UTF_8));
            }
            if (isLatin1Family(declared) && !isAscii(b, off, len)) {
                // Latin-1 labels over bytes that are clean UTF-8 with multi-byte sequences: a mislabel
                int[] stats = utf8Stats(b, off, len);
                if (stats[1] == 0 && stats[0] > 0) {
                    return stripBom(decodeWith(b, off, len, StandardCharsets.UTF_8));
                }
                String latin = decodeWith(b, off, len, declared);
                String other = mislabelledLatin1(b, off, len, latin, hint);
                return other != null ? other : latin;
            }
            return decodeWith(b, off, len, declared);
        }
        if (isAscii(b, off, len)) {
            if (ISO_2022_JP != null && hasIso2022JpEscapes(b, off, len)) {
                return decodeWith(b, off, len, ISO_2022_JP);
            }
            return latin1(b, off, len);
        }
        return stripBom(decodeWith(b, off, len, detect(b, off, len, hint)));
    }

    /** Decodes with replacement of malformed and unmappable input; never throws. */
    static String decodeWith(byte[] b, int off, int len, Charset cs) {
        try {
            CharsetDecoder d = cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            return d.decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException | RuntimeException e) {
            return new String(b, off, len, WINDOWS_1252);
        }
    }

    /** Decodes strictly, or returns null when the bytes are not valid in {@code cs}. */
    static String decodeStrict(byte[] b, int off, int len, Charset cs) {
        try {
            CharsetDecoder d = cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            CharBuffer out = d.decode(ByteBuffer.wrap(b, off, len));
            return out.toString();
        } catch (CharacterCodingException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A header value as Jakarta Mail hands it over (each raw byte as one char 0..255, since
     * mail.mime.allowutf8 is off) turned back into text: pure ASCII is returned unchanged; raw 8-bit
     * bytes are recovered and decoded by {@link #decode} with no label. Strings that already hold chars
     * above 0xFF were decoded by someone else and are returned unchanged.
     */
    static String recover8bit(String s, Charset hint) {
        if (s == null) {
            return null;
        }
        boolean high = false;
        boolean esc = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                return s;
            }
            if (c >= 0x80) {
                high = true;
            } else if (c == 0x1B) {
                esc = true;
            }
        }
        if (!high && !esc) {
            return s;
        }
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return decode(b, 0, b.length, null, hint);
    }

    // ------------------------------------------------------------------ detection

    /** Detects the charset of bytes that are not pure ASCII. Never null. */
    static Charset detect(byte[] b, int off, int len, Charset hint) {
        int[] stats = utf8Stats(b, off, len);
        if (stats[1] == 0 && stats[0] > 0 || stats[0] > 2 * stats[1]) {
            return StandardCharsets.UTF_8;
        }
        // a window of at most SAMPLE bytes starting a little before the first 8-bit byte
        int first = off;
        while (first < off + len && b[first] >= 0) {
            first++;
        }
        int sOff = Math.max(off, first - 1024);
        int sLen = Math.min(SAMPLE, off + len - sOff);

        if (hint != null && !isSingleByte(hint) && !hint.equals(StandardCharsets.UTF_8)
                && decodeStrict(b, sOff, sLen, hint) != null) {
            return hint;
        }
        Charset detected = universal(b, sOff, sLen);
        if (detected != null && !isSingleByte(detected) && !detected.equals(StandardCharsets.UTF_8)) {
            return detected;
        }

        List<Charset> candidates = new ArrayList<>(6);
        if (hint != null && isSingleByte(hint) && !isAscii(hint)) {
            candidates.add(hint);
        }
        boolean oddCyrillic = detected != null && isRareCyrillic(detected);
        if (detected != null && !oddCyrillic && !isAscii(detected)) {
            addDistinct(candidates, detected);
        }
        addDistinct(candidates, WINDOWS_1251);
        addDistinct(candidates, KOI8_R);
        addDistinct(candidates, WINDOWS_1252);
        if (oddCyrillic) {
            addDistinct(candidates, detected);
        }

        Charset best = WINDOWS_1252;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Charset c : candidates) {
            double score = plausibility(decodeWith(b, sOff, sLen, c));
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    private static void addDistinct(List<Charset> list, Charset c) {
        if (!list.contains(c)) {
            list.add(c);
        }
    }

    private static Charset universal(byte[] b, int off, int len) {
        try {
            UniversalDetector d = new UniversalDetector();
            d.handleData(b, off, len);
            d.dataEnd();
            String name = d.getDetectedCharset();
            return name == null ? null : lookup(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isRareCyrillic(Charset c) {
        String n = c.name().toLowerCase(Locale.ROOT);
        return n.equals("x-maccyrillic") || n.equals("ibm855") || n.equals("ibm866") || n.equals("iso-8859-5");
    }

    static boolean isSingleByte(Charset c) {
        try {
            return c.canEncode() && c.newEncoder().maxBytesPerChar() <= 1.0f;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static boolean isAscii(Charset c) {
        return c.equals(StandardCharsets.US_ASCII);
    }

    private static boolean isLatin1Family(Charset c) {
        return c.equals(WINDOWS_1252) || c.equals(StandardCharsets.ISO_8859_1) || c.equals(ISO_8859_15);
    }

    private static final Charset ISO_8859_15 = forNameOrNull("ISO-8859-15");

    /**
     * Text labelled Latin-1 (or windows-1252, ISO-8859-15) that is really in another charset: the text in
     * that charset, or null to keep the label. The label is overruled only on two pieces of evidence, so
     * that real Western text (which often has few 8-bit letters) is never re-read: its 8-bit characters
     * read as Latin-1 are implausible ({@link #latin1Implausible}), and detection finds a charset whose
     * decoding reads as real text (single-byte: positive plausibility, on average at least 0.4 per 8-bit
     * letter; multi-byte: the bytes decode without an error).
     */
    static String mislabelledLatin1(byte[] b, int off, int len, String latin, Charset hint) {
        if (!latin1Implausible(latin)) {
            return null;
        }
        Charset other = detect(b, off, len, hint);
        if (isLatin1Family(other) || isAscii(other)) {
            return null;
        }
        String alt = decodeWith(b, off, len, other);
        if (other.equals(StandardCharsets.UTF_8) || !isSingleByte(other)) {
            int sampleLen = Math.min(len, SAMPLE);
            if (decodeStrict(b, off, sampleLen, other) == null && decodeStrict(b, off, len, other) == null) {
                return null;
            }
            return stripBom(alt);
        }
        String sample = alt.length() > SAMPLE ? alt.substring(0, SAMPLE) : alt;
        int high = 0;
        for (int i = 0; i < sample.length(); i++) {
            if (sample.charAt(i) >= 0x80 && Character.isLetter(sample.charAt(i))) {
                high++;
            }
        }
        double score = plausibility(sample);
        String latinSample = latin.length() > SAMPLE ? latin.substring(0, SAMPLE) : latin;
        return high > 0 && score >= 0.4 * high && score > plausibility(latinSample) ? alt : null;
    }

    /**
     * Whether the 8-bit characters of a Latin-1 reading cannot be Western text. Western text has its
     * accented letters inside words with ASCII letters ("Grüße", "ÆØÅ-Gruppe"), or alone between spaces
     * ("à", "ó"), in the case pattern of a word. Other charsets read as Latin-1 give words made only of
     * accented letters ("Òåñò" is windows-1251 "Тест"), capitals after small letters ("ðÒÉ×ÅÔ" is KOI8-R
     * "Привет"), symbols glued to letters ("Î×Í", "‚Ì") and odd symbols ("¤", "¦", "¬": CJK double bytes).
     * All-capital accented words of up to 3 letters ("ÅÄÖ") could be Western acronyms and count neither
     * way. Implausible: at least 2 bad characters and more than 3 times as many as good ones.
     */
    static boolean latin1Implausible(String s) {
        int good = 0;
        int bad = 0;
        int n = Math.min(s.length(), SAMPLE);
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                int start = i;
                int ascii = 0;
                int high = 0;
                int upper = 0;
                int lower = 0;
                boolean upperAfterLower = false;
                while (i < n) {
                    char d = s.charAt(i);
                    if (!Character.isLetter(d)) {
                        // "Müller-Lüdenscheidt", "l'élève": one word for the ASCII test, case starts anew
                        if (isJoiner(d) && i + 1 < n && Character.isLetter(s.charAt(i + 1))) {
                            lower = 0;
                            i++;
                            continue;
                        }
                        break;
                    }
                    if (d < 0x80) {
                        ascii++;
                    } else {
                        high++;
                    }
                    if (Character.isUpperCase(d)) {
                        upperAfterLower |= lower > 0;
                        upper++;
                    } else if (Character.isLowerCase(d)) {
                        lower++;
                    }
                    i++;
                }
                if (high == 0) {
                    continue;
                }
                boolean spaced = (start == 0 || isSpaceOrAsciiPunct(s.charAt(start - 1)))
                        && (i >= s.length() || isSpaceOrAsciiPunct(s.charAt(i)));
                if (!upperAfterLower && (ascii > 0 || high == 1 && spaced)) {
                    good += high;
                } else if (ascii == 0 && upper == high && high <= 3 && spaced) {
                    continue; // "ÅÄÖ": maybe an acronym
                } else {
                    bad += high;
                }
                continue;
            }
            if (c >= 0x80) {
                boolean glued = i > 0 && Character.isLetter(s.charAt(i - 1))
                        && i + 1 < n && Character.isLetter(s.charAt(i + 1));
                if (glued && c != '\u00AD' || "\u00A0«»°§£€©®™±·•–—…‘’‚“”„‹›¿¡½¼¾²³¹µ×´¨ªº\u00AD"
                        .indexOf(c) < 0) {
                    bad++;
                }
            }
            i++;
        }
        return bad >= 2 && bad > 3 * good;
    }

    private static boolean isJoiner(char c) {
        return c == '-' || c == '\'' || c == '’' || c == '´' || c == '·'; // "it´s", Catalan "col·legi"
    }

    private static boolean isSpaceOrAsciiPunct(char c) {
        return c < 0x80 && !Character.isLetterOrDigit(c) || Character.isWhitespace(c) || c == '\u00A0';
    }

    /**
     * How plausible a decoding is as human text. Words (letter runs) that contain non-ASCII letters are
     * scored: consistent script and letter case earn points, mixed scripts, capitals after small letters,
     * Latin words made only of accented letters (typical of Cyrillic read as windows-1252) lose points;
     * control, unmapped and exotic symbol characters lose points.
     */
    static double plausibility(String s) {
        double score = 0;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isLetter(c)) {
                int start = i;
                while (i < n && Character.isLetter(s.charAt(i))) {
                    i++;
                }
                score += wordScore(s, start, i);
                continue;
            }
            if (c >= 0x80) {
                score += symbolScore(c);
            }
            i++;
        }
        return score;
    }

    private static double wordScore(String s, int from, int to) {
        int len = to - from;
        int ascii = 0;
        int upper = 0;
        int lower = 0;
        boolean upperAfterLower = false;
        Character.UnicodeScript script = null;
        boolean mixed = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                ascii++;
            }
            Character.UnicodeScript sc = Character.UnicodeScript.of(c);
            if (script == null) {
                script = sc;
            } else if (sc != script) {
                mixed = true;
            }
            if (Character.isUpperCase(c)) {
                if (lower > 0) {
                    upperAfterLower = true;
                }
                upper++;
            } else if (Character.isLowerCase(c)) {
                lower++;
            }
        }
        int nonAscii = len - ascii;
        if (nonAscii == 0) {
            return 0;
        }
        if (mixed) {
            return -len;
        }
        if (upperAfterLower) {
            return -len;
        }
        if (script == Character.UnicodeScript.LATIN) {
            if (ascii == 0 && nonAscii >= 2) {
                return -len; // "Îøèáêà": Cyrillic read as windows-1252
            }
            return nonAscii;
        }
        if (script == Character.UnicodeScript.CYRILLIC) {
            // letter frequencies tell KOI8-R from windows-1251 read the wrong way round (a permutation of
            // the alphabet), also for all-capital words where the case test cannot
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += cyrillicWeight(Character.toLowerCase(s.charAt(i)));
            }
            return sum;
        }
        // Greek, Hebrew, Arabic, Thai, ...: a word in one script with sensible case. Slightly below what
        // real Russian scores, above what Cyrillic read in the wrong code page scores (about 0.55/letter)
        return 0.8 * len;
    }

    /** Russian letter frequency (per cent) / 5.5, so that real Russian text scores about 1 per letter. */
    private static double cyrillicWeight(char c) {
        int i = RUSSIAN.indexOf(c);
        if (i >= 0) {
            return RUSSIAN_FREQ[i] / 5.5;
        }
        switch (c) {
            case '\u0456': // i (Ukrainian, Belarusian)
                return 4.0 / 5.5;
            case '\u0457': // yi
            case '\u0454': // ye
            case '\u045E': // short u (Belarusian)
                return 0.5 / 5.5;
            default:
                return 0.05 / 5.5; // Serbian/Macedonian letters and the like: rare in this mail
        }
    }

    private static final String RUSSIAN = "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё";
    private static final double[] RUSSIAN_FREQ = {10.97, 8.45, 8.01, 7.35, 6.70, 6.26, 5.47, 4.73, 4.54, 4.40,
        3.49, 3.21, 2.98, 2.81, 2.62, 2.01, 1.90, 1.74, 1.70, 1.65, 1.59, 1.44, 1.21, 0.97, 0.94, 0.73, 0.64,
        0.48, 0.36, 0.32, 0.26, 0.04, 0.30};

    private static double symbolScore(char c) {
        if (c == '\uFFFD' || Character.isISOControl(c)) {
            return -3;
        }
        int type = Character.getType(c);
        if (type == Character.UNASSIGNED || type == Character.PRIVATE_USE) {
            return -3;
        }
        if ("\u00A0«»—–…№€“”„‘’‚•·°©®™§×±£¥¢¡¿\u00AD".indexOf(c) >= 0) {
            return 0;
        }
        return -1;
    }

    // ------------------------------------------------------------------ byte checks

    static boolean isAscii(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }

    static boolean isValidUtf8(byte[] b) {
        return utf8Stats(b, 0, b.length)[1] == 0;
    }

    /** {valid multi-byte sequences, malformed sequences} of UTF-8 in the range. */
    static int[] utf8Stats(byte[] b, int off, int len) {
        int valid = 0;
        int invalid = 0;
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int need;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                invalid++;
                i++;
                continue;
            }
            if (i + need >= end) { // truncated sequence at the end
                invalid++;
                i++;
                continue;
            }
            int cp = c & (0x3F >> need);
            boolean ok = true;
            for (int k = 1; k <= need; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    ok = false;
                    break;
                }
                cp = (cp << 6) | (cc & 0x3F);
            }
            if (ok && (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))) {
                ok = false;
            }
            if (ok) {
                valid++;
                i += need + 1;
            } else {
                invalid++;
                i++;
            }
        }
        return new int[] {valid, invalid};
    }

    private static boolean hasIso2022JpEscapes(byte[] b, int off, int len) {
        for (int i = off; i + 2 < off + len; i++) {
            if (b[i] == 0x1B && (b[i + 1] == '$' && (b[i + 2] == 'B' || b[i + 2] == '@')
                    || b[i + 1] == '(' && (b[i + 2] == 'J' || b[i + 2] == 'I'))) {
                return true;
            }
        }
        return false;
    }

    static String latin1(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    static String stripBom(String s) {
        return !s.isEmpty() && s.charAt(0) == '\uFEFF' ? s.substring(1) : s;
    }
}
