package dev.mailtask.mail.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The scans of {@link Markers} against talon's regular expressions they replace, on every short marker string. */
class MarkersTest {

    private static final Pattern SOFT_CUT_TO_END = Pattern.compile("(?:se*)+(?:[tf]+e*)+");
    private static final Pattern QUOTATION = Pattern.compile("((?:s|(?:me*){2,}).*me*)[te]*$");
    private static final Pattern QUOTATION_STRONG = Pattern.compile("((?:s|(?:me*)+).*me*)[te]*$");
    private static final Pattern EMPTY_QUOTATION = Pattern.compile("((?:se*)+|(?:me*){2,})e*");
    private static final Pattern EMPTY_QUOTATION_STRONG = Pattern.compile("((?:se*)+|(?:me*)+)e*");
    private static final Pattern INLINE = Pattern.compile("(?<=m)e*((?:t+e*)+)m");
    private static final Pattern THREE_QUOTE_LINES = Pattern.compile("(?:me*){3}");

    private static final char[] ALPHABET = {'e', 'm', 's', 'f', 't', 'h'};

    @Test
    void everyMarkerStringUpToSevenLinesDecidesAsTalonsExpressions() {
        List<String> all = new ArrayList<>(List.of(""));
        List<String> level = List.of("");
        for (int length = 1; length <= 7; length++) {
            List<String> next = new ArrayList<>();
            for (String s : level) {
                for (char c : ALPHABET) {
                    next.add(s + c);
                }
            }
            all.addAll(next);
            level = next;
        }
        for (String m : all) {
            sameAsRegex(m);
        }
    }

    @Test
    void longRandomMarkerStringsDecideAsTalonsExpressions() {
        Random random = new Random(10);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder m = new StringBuilder();
            int length = 8 + random.nextInt(120);
            // runs, as real mail has them: a few lines of text, a quote, blank lines
            while (m.length() < length) {
                m.append(String.valueOf(ALPHABET[random.nextInt(ALPHABET.length)]).repeat(1 + random.nextInt(6)));
            }
            sameAsRegex(m.toString());
        }
    }

    @Test
    void thousandsOfQuotedLinesNeedNoStack() throws Exception {
        String markers = "tte" + "m".repeat(20_000) + "et";
        AtomicReference<QuoteFinder.Range> found = new AtomicReference<>();
        // a thread with a small stack: the regex overflowed at about 3,000 lines on a normal one
        Thread small = new Thread(null, () -> found.set(Markers.quotation(markers, false)), "small", 64 * 1024);
        small.start();
        small.join();
        assertEquals(new QuoteFinder.Range(3, 20_004), found.get());
        assertTrue(Markers.threeQuoteLines(markers));
        assertEquals(new QuoteFinder.Range(3, 20_004), Markers.emptyQuotation(markers, false));
    }

    private static void sameAsRegex(String m) {
        Matcher toEnd = SOFT_CUT_TO_END.matcher(m);
        assertEquals(toEnd.find() ? toEnd.start() : -1, Markers.softCutToEnd(m), () -> "soft cut of " + m);
        assertEquals(group(QUOTATION, m), Markers.quotation(m, false), () -> "quotation of " + m);
        assertEquals(group(QUOTATION_STRONG, m), Markers.quotation(m, true), () -> "strong quotation of " + m);
        assertEquals(group(EMPTY_QUOTATION, m), Markers.emptyQuotation(m, false), () -> "empty quotation of " + m);
        assertEquals(group(EMPTY_QUOTATION_STRONG, m), Markers.emptyQuotation(m, true),
                () -> "strong empty quotation of " + m);
        assertEquals(THREE_QUOTE_LINES.matcher(m).find(), Markers.threeQuoteLines(m), () -> "three quotes in " + m);
        List<Integer> inline = new ArrayList<>();
        Matcher i = INLINE.matcher(m);
        while (i.find()) {
            inline.add(i.start(1));
        }
        assertEquals(inline, Markers.inlineReplies(m), () -> "inline replies in " + m);
    }

    private static QuoteFinder.Range group(Pattern pattern, String m) {
        Matcher matcher = pattern.matcher(m);
        return matcher.find() ? new QuoteFinder.Range(matcher.start(1), matcher.end(1)) : null;
    }
}
