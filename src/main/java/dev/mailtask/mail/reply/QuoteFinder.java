package dev.mailtask.mail.reply;

import dev.mailtask.mail.ContentBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the quoted part and the signature of a reply, line by line. Each line gets a marker:
 * <ul>
 *   <li>{@code e} blank;</li>
 *   <li>{@code m} quoted ({@code >} in text, inside a {@code <blockquote>} in HTML);</li>
 *   <li>{@code f} a forward marker ("---------- Forwarded message ---------", "Begin forwarded message:");</li>
 *   <li>{@code s} an attribution ("On … wrote:", «… написал(а):», "26.06.2014, 14:41, Bob &lt;bob@x&gt;:"),
 *       up to three lines;</li>
 *   <li>{@code h} a hard splitter: "-----Original Message-----" or an Outlook header block ("From: … Sent: …"
 *       in several languages), or in HTML an Outlook/Hotmail/Zimbra separator element;</li>
 *   <li>{@code t} anything else: the sender's own text.</li>
 * </ul>
 * The markers then decide the cut, the way talon does it: a forward marker before any quote means nothing
 * is cut (a forward's content is the point); text interleaved with quotes is an inline reply and nothing is
 * cut either (the answers need their questions); otherwise the quote is the span from the first
 * attribution/quote line to the last quote line when only text follows (a bottom-post keeps what is
 * below), or everything from an attribution followed by unmarked text, or everything from a hard splitter.
 * <p>
 * Time is linear: only the first {@value #MAX_LINES} lines are examined (later lines count as text) and
 * only lines up to {@value #MAX_LINE_CHARS} characters are matched against patterns. The decision over the
 * markers is talon's regular expressions written out as scans ({@link Markers}): a regex repeating a group
 * recurses once per repetition, and thousands of quoted lines overflowed the stack.
 */
final class QuoteFinder {

    static final String STAGE = "quote finding";
    static final int MAX_LINES = 3000;
    static final int MAX_LINE_CHARS = 1000;
    /** How many lines an attribution may be spread over ("On …, Bob &lt;\nbob@x&gt; wrote:"). */
    private static final int ATTRIBUTION_LINES = 3;
    /**
     * Longer text is no attribution (they are a line or two); the bound also keeps the address pattern's
     * repeated domain labels far from the stack's limit.
     */
    private static final int MAX_ATTRIBUTION_CHARS = 1000;

    private static final int CI = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private static final String WROTE = "(?:wrote|writes|a [ée]crit|schrieb|escribi[óo]|ha scritto|schreef"
            + "|geschreven|skrev|napisał|kirjoitti|написал\\(а\\)|написала|написал|пишет|писал\\(а\\)|писала"
            + "|писал|escreveu)";
    private static final String PREFIX = "(?:On|Le|Am|El|Il|Op|W dniu|Den|På|Em|В)";

    /** "… Bob wrote:" — the verb ends the line. */
    private static final Pattern ATTR_VERB_END = Pattern.compile(
            "^.{0,600}?(?<!\\p{L})" + WROTE + "\\s*:?\\s*$", CI);
    /** "Am 2. Apr. 2012 um 18:26 schrieb Bob &lt;bob@x&gt;:" — the verb in the middle, a colon at the end. */
    private static final Pattern ATTR_PREFIX_VERB = Pattern.compile(
            "^" + PREFIX + "\\s.{0,400}?(?<!\\p{L})" + WROTE + "(?!\\p{L}).{0,300}:\\s*$", CI);
    /** Yandex, Mail.ru, Gmail in Russian: a date and/or time, then an address, then a colon. */
    private static final Pattern ATTR_DATE_ADDRESS = Pattern.compile(
            "^.{0,600}?(?<![\\w.+'-])[\\w.+'-]++@[\\w-]+(?:\\.[\\w-]+)+[>)\\]»\"']*\\s*:\\s*$");
    private static final Pattern HAS_DATE_OR_TIME = Pattern.compile(
            "\\d{1,2}:\\d{2}|\\d{1,4}[./-]\\d{1,2}[./-]\\d{2,4}");
    private static final Pattern STARTS_LIKE_ATTRIBUTION = Pattern.compile("^(?:" + PREFIX + "\\s|\\d)", CI);

    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "^\\s*[-=_*]{2,}\\s*(?:Original Message|Original-Nachricht|Reply Message|Ursprüngliche Nachricht"
                    + "|Originalnachricht|Message d'origine|Message original|Mensaje original|Mensagem original"
                    + "|Messaggio originale|Исходное сообщение|Оригинальное сообщение|Исходное письмо"
                    + "|Oorspronkelijk bericht|Oprindelig meddelelse|Alkuperäinen viesti|Wiadomość oryginalna"
                    + "|Původní zpráva)\\s*[-=_*]{2,}\\s*$", CI);
    private static final Pattern FORWARD = Pattern.compile(
            "^\\s*(?:[-=_*]{2,}\\s*(?:Forwarded message|Forwarded mail|Weitergeleitete Nachricht"
                    + "|Message transféré|Message transfére|Mensaje reenviado|Пересылаемое сообщение"
                    + "|Пересланное сообщение|Перенаправленное сообщение|Doorgestuurd bericht|Messaggio inoltrato"
                    + "|Mensagem encaminhada|Videresendt melding|Wiadomość przekazana dalej)\\s*[-=_*]{2,}"
                    + "|(?:Begin forwarded message|Début du message réexpédié|Anfang der weitergeleiteten Nachricht"
                    + "|Inicio del mensaje reenviado|Comienzo del mensaje reenviado"
                    + "|Начало переадресованного сообщения|Начало пересылаемого сообщения)\\s*:)\\s*$", CI);
    private static final Pattern UNDERSCORES = Pattern.compile("^\\s*_{8,}\\s*$");

    private static final String FROM_NAMES = "from|von|de|от|від|van|da|fra|från|od|kimden";
    private static final String OTHER_NAMES = "sent|date|to|cc|bcc|subject|reply-to|gesendet|datum|an|betreff"
            + "|envoyé|envoye|à|a|objet|enviado|enviada|fecha|para|asunto|отправлено|дата|кому|копия|тема"
            + "|verzonden|aan|onderwerp|inviato|data|oggetto|sendt|til|emne|skickat|till|ämne";
    private static final Pattern HEADER_LINE = Pattern.compile(
            "^\\s*[*_]?(" + FROM_NAMES + "|" + OTHER_NAMES + ")[*_]?\\s?:[*_]?(?:\\s.*)?$", CI);
    private static final Pattern FROM_NAME = Pattern.compile("^(?:" + FROM_NAMES + ")$", CI);
    /** Header lines an Outlook block may have (From, Sent, To, Cc, Subject, Reply-To, a spare). */
    private static final int MAX_HEADER_LINES = 8;


    private QuoteFinder() {
    }

    /** A half-open range of line indices. */
    record Range(int from, int to) {
    }

    /**
     * The decision for a list of lines.
     *
     * @param markers        one marker per line
     * @param quote          the line ranges cut as quotes (empty when none), in order
     * @param signatureFrom  the first line of the signature, or -1
     * @param signatureTo    the line after the signature's last one
     */
    record Decision(String markers, List<Range> quote, int signatureFrom, int signatureTo) {
        boolean removed(int line) {
            if (line >= signatureFrom && line < signatureTo) {
                return true;
            }
            return inQuote(line);
        }

        boolean inQuote(int line) {
            for (Range r : quote) {
                if (line >= r.from && line < r.to) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Marks and decides.
     *
     * @param lines  the lines (without line ends)
     * @param forced per line 0 or a marker forced by the HTML structure ({@code m}, {@code s}, {@code h}, or
     *               {@code g} for the first line of a signature element); null for plain text
     */
    static Decision decide(List<String> lines, char[] forced) {
        String markers = mark(lines, forced);
        boolean strong = markers.indexOf('m') >= 0 && forced != null && hasForcedQuote(forced);
        List<Range> quote = new ArrayList<>();
        for (Range r : quoteRanges(lines, markers, strong)) {
            // lines past MAX_LINES were not examined: a quote reaching the limit takes them along
            quote.add(r.to == markers.length() ? new Range(r.from, lines.size()) : r);
        }
        int[] sig = signature(lines, markers, forced, quote);
        return new Decision(markers, quote, sig[0], sig[1]);
    }

    private static boolean hasForcedQuote(char[] forced) {
        for (char c : forced) {
            if (c == 'm') {
                return true;
            }
        }
        return false;
    }

    static String mark(List<String> lines, char[] forced) {
        int n = Math.min(lines.size(), MAX_LINES);
        char[] m = new char[n];
        int i = 0;
        while (i < n) {
            ContentBudget.check(STAGE);
            String line = lines.get(i);
            char f = forced == null ? 0 : forced[i];
            if (line.isBlank()) {
                m[i] = 'e';
            } else if (line.length() > MAX_LINE_CHARS) {
                m[i] = f == 'm' || line.startsWith(">") ? 'm' : 't';
            } else if (f == 'm') {
                m[i] = 'm';
            } else if (FORWARD.matcher(line).matches()) {
                m[i] = 'f';
            } else if (f == 'h' || f == 's') {
                m[i] = f;
            } else if (line.startsWith(">")) {
                m[i] = 'm';
            } else if (ORIGINAL_MESSAGE.matcher(line).matches()) {
                m[i] = 'h';
            } else {
                int header = headerBlock(lines, forced, i);
                if (header > 0) {
                    for (int j = i; j < i + header; j++) {
                        m[j] = 'h';
                    }
                    i += header;
                    continue;
                }
                int attribution = attribution(lines, forced, i);
                if (attribution > 0) {
                    for (int j = i; j < i + attribution; j++) {
                        m[j] = 's';
                    }
                    i += attribution;
                    continue;
                }
                m[i] = 't';
            }
            i++;
        }
        // An Outlook "______" line right before a header block belongs to it.
        for (int k = 0; k < n; k++) {
            if (m[k] == 't' && UNDERSCORES.matcher(lines.get(k)).matches()) {
                int next = k + 1;
                while (next < n && m[next] == 'e') {
                    next++;
                }
                if (next < n && m[next] == 'h') {
                    m[k] = 'h';
                }
            }
        }
        return new String(m);
    }

    /** How many lines the Outlook header block starting at line i has, or 0 when none starts there. */
    private static int headerBlock(List<String> lines, char[] forced, int i) {
        int n = Math.min(lines.size(), MAX_LINES);
        boolean from = false;
        int j = i;
        while (j < n && j - i < MAX_HEADER_LINES && usable(lines, forced, j)) {
            Matcher h = HEADER_LINE.matcher(lines.get(j));
            if (!h.matches()) {
                break;
            }
            from |= FROM_NAME.matcher(h.group(1)).matches();
            j++;
        }
        return j - i >= 2 && from ? j - i : 0;
    }

    private static boolean usable(List<String> lines, char[] forced, int j) {
        String l = lines.get(j);
        return !l.isBlank() && l.length() <= MAX_LINE_CHARS && !l.startsWith(">")
                && (forced == null || forced[j] == 0 || forced[j] == 'g');
    }

    /** How many lines (1 to 3) the attribution starting at line i has, or 0 when none starts there. */
    private static int attribution(List<String> lines, char[] forced, int i) {
        int n = Math.min(lines.size(), MAX_LINES);
        StringBuilder joined = new StringBuilder();
        for (int k = 0; k < ATTRIBUTION_LINES && i + k < n; k++) {
            if (!usable(lines, forced, i + k)) {
                break;
            }
            if (k > 0) {
                joined.append(' ');
            }
            joined.append(lines.get(i + k).strip());
            if (k > 0 && !STARTS_LIKE_ATTRIBUTION.matcher(joined).find()) {
                // an attribution spread over lines starts like one; otherwise line i is the sender's text
                return 0;
            }
            if (isAttribution(joined)) {
                return k + 1;
            }
        }
        return 0;
    }

    static boolean isAttribution(CharSequence s) {
        if (s.length() > MAX_ATTRIBUTION_CHARS) {
            return false;
        }
        boolean dated = HAS_DATE_OR_TIME.matcher(s).find();
        boolean address = s.toString().indexOf('@') >= 0;
        if ((dated || address) && ATTR_VERB_END.matcher(s).matches()) {
            return true;
        }
        if (dated && ATTR_PREFIX_VERB.matcher(s).matches()) {
            return true;
        }
        return dated && ATTR_DATE_ADDRESS.matcher(s).matches();
    }

    private static List<Range> quoteRanges(List<String> lines, String markers, boolean strong) {
        int n = markers.length();
        if (markers.indexOf('s') < 0 && markers.indexOf('h') < 0 && !strong && !Markers.threeQuoteLines(markers)) {
            markers = markers.replace('m', 't'); // a stray "> " line is text, not a quote
        }
        int first = firstOf(markers, "mfsh");
        if (first < 0 || markers.charAt(first) == 'f') {
            return List.of(); // nothing quoted, or a forward: its content is the point
        }
        int hard = markers.indexOf('h');
        String soft = hard < 0 ? markers : markers.substring(0, hard);
        for (int start : Markers.inlineReplies(soft)) {
            boolean brokenLink = start > 0 && lines.get(start - 1).contains("(http")
                    && !lines.get(start - 1).contains(")") || lines.get(start).strip().startsWith("(http");
            if (!brokenLink) {
                return List.of(); // an inline reply: the answers need their questions
            }
        }
        List<Range> ranges = new ArrayList<>();
        int toEnd = Markers.softCutToEnd(soft);
        if (toEnd >= 0) {
            ranges.add(new Range(toEnd, n));
            return ranges;
        }
        if (soft.indexOf('s') >= 0 || soft.indexOf('m') >= 0) {
            Range q = Markers.quotation(soft, strong);
            if (q == null) {
                q = Markers.emptyQuotation(soft, strong);
            }
            if (q != null) {
                ranges.add(q);
            }
        }
        if (hard >= 0) {
            int from = hard;
            // a soft quote or blank lines right before the hard splitter go with it
            while (from > 0 && markers.charAt(from - 1) == 'e') {
                from--;
            }
            if (!ranges.isEmpty() && ranges.get(ranges.size() - 1).to >= from) {
                from = Math.min(from, ranges.remove(ranges.size() - 1).from);
            }
            ranges.add(new Range(from, n));
        }
        return ranges;
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The signature: from a {@code "-- "} line (or the first line of a signature element in HTML) to the end
     * of the kept stretch it is in; {@code "--"} without the space only when at most 8 lines follow. Never
     * the whole reply. Returns {from, to} or {-1, -1}.
     */
    private static int[] signature(List<String> lines, String markers, char[] forced, List<Range> quote) {
        int n = Math.min(lines.size(), MAX_LINES);
        boolean textBefore = false;
        for (int i = 0; i < n; i++) {
            if (inRanges(quote, i)) {
                continue;
            }
            char mk = markers.charAt(i);
            if (mk == 'f') {
                break; // past a forward marker, a "-- " is the forwarded message's signature
            }
            String l = lines.get(i);
            boolean delimiter = mk != 'm' && (forced != null && forced[i] == 'g' || isDelimiter(l));
            if (delimiter && textBefore) {
                int end = i + 1;
                int nonBlank = 0;
                while (end < lines.size() && !inRanges(quote, end)) {
                    if (!lines.get(end).isBlank()) {
                        nonBlank++;
                    }
                    end++;
                }
                boolean strict = l.equals("-- ") || forced != null && forced[i] == 'g';
                if (strict || nonBlank <= 8) {
                    return new int[] {i, end};
                }
            }
            if (mk == 't') {
                textBefore = true;
            }
        }
        return new int[] {-1, -1};
    }

    private static boolean isDelimiter(String line) {
        return line.equals("-- ") || line.equals("--");
    }

    private static boolean inRanges(List<Range> ranges, int i) {
        for (Range r : ranges) {
            if (i >= r.from && i < r.to) {
                return true;
            }
        }
        return false;
    }
}
