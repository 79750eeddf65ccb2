package dev.mailtask.rules;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regular expressions from rule files run against text from strangers, so each match runs on a budget:
 * the matcher reads the text through a counting view and gives up after {@code 1,000,000 + 50 × length}
 * character reads (a well-behaved pattern needs a few reads per character; catastrophic backtracking needs
 * millions). A search that gives up counts as "no match" and the trace says so. Texts are already cut to
 * {@link MailFacts#MAX_TEXT}, so the worst case is a few tens of milliseconds per condition.
 */
final class Regexes {

    /** {@link #find} result when the pattern was too costly for the text. */
    static final int GAVE_UP = -2;

    static final String GAVE_UP_NOTE = "(regex stopped: too much backtracking on this text)";

    private static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("regex budget exhausted", null, false, false);
        }
    }

    private static final Exhausted EXHAUSTED = new Exhausted();

    /** A read-only view of a string that counts character reads. */
    private static final class Budgeted implements CharSequence {
        private final String text;
        private long budget;

        Budgeted(String text) {
            this.text = text;
            this.budget = 1_000_000L + 50L * text.length();
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (--budget < 0) {
                throw EXHAUSTED;
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.substring(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private Regexes() {
    }

    /** Start of the first match, -1 when there is none, {@link #GAVE_UP} when the search was too costly. */
    static int find(Pattern pattern, String text) {
        MatchResult m = match(pattern, text);
        return m == null ? -1 : m == GIVE_UP ? GAVE_UP : m.start();
    }

    /** Marker result of {@link #match} for a search that gave up. */
    static final MatchResult GIVE_UP = Pattern.compile("").matcher("").toMatchResult();

    /** The first match, null when there is none, {@link #GIVE_UP} when the search was too costly. */
    static MatchResult match(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(new Budgeted(text));
        try {
            return matcher.find() ? matcher.toMatchResult() : null;
        } catch (Exhausted | StackOverflowError e) {
            return GIVE_UP;
        }
    }
}
