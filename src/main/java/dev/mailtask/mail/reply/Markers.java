package dev.mailtask.mail.reply;

import java.util.ArrayList;
import java.util.List;

/**
 * talon's regular expressions over a reply's line markers ({@link QuoteFinder}: {@code e} blank, {@code m}
 * quoted, {@code s} attribution, {@code f} forward, {@code t} text), written as single scans. As regexes they
 * repeat a group per line ({@code (?:me*)+}), which java.util.regex does by recursion: a reply quoting a few
 * thousand lines overflowed the stack. Each method names the expression it stands for; the results are the
 * same (a test runs both on every short marker string).
 */
final class Markers {

    private Markers() {
    }

    /** {@code (?:me*){3}} found: three quoted lines with only blank lines between them. */
    static boolean threeQuoteLines(String m) {
        int quoted = 0;
        for (int i = 0; i < m.length(); i++) {
            char c = m.charAt(i);
            if (c == 'm') {
                if (++quoted == 3) {
                    return true;
                }
            } else if (c != 'e') {
                quoted = 0;
            }
        }
        return false;
    }

    /**
     * Every match of {@code (?<=m)e*((?:t+e*)+)m}, in order, as the start of group 1: text lines (blanks
     * among them) between two quoted lines, an inline answer. The closing quoted line may open the next match.
     */
    static List<Integer> inlineReplies(String m) {
        List<Integer> starts = new ArrayList<>();
        int n = m.length();
        int k = 0;
        while (k < n) {
            if (m.charAt(k) != 'm') {
                k++;
                continue;
            }
            int j = k + 1;
            while (j < n && m.charAt(j) == 'e') {
                j++;
            }
            if (j == n || m.charAt(j) != 't') {
                k = j; // a blank run ends the attempt; what ends it may open the next one
                continue;
            }
            int text = j;
            while (j < n && (m.charAt(j) == 't' || m.charAt(j) == 'e')) {
                j++;
            }
            if (j < n && m.charAt(j) == 'm') {
                starts.add(text);
            }
            k = j;
        }
        return starts;
    }

    /**
     * Where {@code (?:se*)+(?:[tf]+e*)+} first matches, or -1: an attribution whose run of attributions and
     * blank lines is followed by text or a forward marker (everything from there on is the quote).
     */
    static int softCutToEnd(String m) {
        int n = m.length();
        int i = 0;
        while (i < n) {
            if (m.charAt(i) != 's') {
                i++;
                continue;
            }
            int j = i;
            while (j < n && (m.charAt(j) == 's' || m.charAt(j) == 'e')) {
                j++;
            }
            if (j < n && (m.charAt(j) == 't' || m.charAt(j) == 'f')) {
                return i;
            }
            i = j;
        }
        return -1;
    }

    /**
     * Group 1 of {@code ((?:s|(?:me*){2,}).*me*)[te]*$} found ({@code strong}: {@code (?:me*)+} for the second
     * alternative), or null: from the first attribution (or run of two quoted lines) to the last quoted line
     * and the blank lines after it, when only text and blank lines follow.
     */
    static QuoteFinder.Range quotation(String m, boolean strong) {
        int n = m.length();
        int last = m.lastIndexOf('m');
        if (last < 0) {
            return null;
        }
        for (int j = last + 1; j < n; j++) {
            if (m.charAt(j) != 't' && m.charAt(j) != 'e') {
                return null;
            }
        }
        int end = last + 1;
        while (end < n && m.charAt(end) == 'e') {
            end++;
        }
        for (int i = 0; i < last; i++) {
            char c = m.charAt(i);
            if (c == 's' || c == 'm' && strong) {
                return new QuoteFinder.Range(i, end);
            }
            if (c == 'm') {
                int second = i + 1;
                while (second < n && m.charAt(second) == 'e') {
                    second++;
                }
                // two quoted lines open the quote, and the last quoted line closes it after them
                if (second < last && m.charAt(second) == 'm') {
                    return new QuoteFinder.Range(i, end);
                }
            }
        }
        return null;
    }

    /**
     * Group 1 of {@code ((?:se*)+|(?:me*){2,})e*} found ({@code strong}: {@code (?:me*)+}), or null: the first
     * run of attributions, or of (two or more) quoted lines, with the blank lines in and after it.
     */
    static QuoteFinder.Range emptyQuotation(String m, boolean strong) {
        int n = m.length();
        for (int i = 0; i < n; i++) {
            char c = m.charAt(i);
            if (c != 's' && c != 'm') {
                continue;
            }
            int j = i;
            int quoted = 0;
            while (j < n && (m.charAt(j) == c || m.charAt(j) == 'e')) {
                quoted += m.charAt(j) == 'm' ? 1 : 0;
                j++;
            }
            if (c == 's' || strong || quoted >= 2) {
                return new QuoteFinder.Range(i, j);
            }
        }
        return null;
    }
}
