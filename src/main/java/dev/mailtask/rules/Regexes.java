package dev.mailtask.rules;

import dev.mailtask.mail.ContentBudget;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regular expressions from rule files run against text from strangers, so each condition runs on a budget:
 * its matchers read the texts it looks at (every recipient, every value of a header) through a counting view
 * and give up after {@code 1,000,000 + 50 × their total length} character reads, however many values there
 * are (a well-behaved pattern needs a few reads per character; catastrophic backtracking needs millions). A
 * search that gives up counts as "no match" and the trace says so. Texts are already cut to
 * {@link MailFacts#MAX_TEXT}. The view also checks the mail's {@link ContentBudget}, which bounds all
 * conditions of all rules together.
 */
final class Regexes {

    /** {@link #find} result when the pattern was too costly for the text. */
    static final int GAVE_UP = -2;

    static final String GAVE_UP_NOTE = "(regex stopped: too much backtracking on this text)";

    static final String STAGE = "rule evaluation";

    private static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("regex budget exhausted", null, false, false);
        }
    }

    private static final Exhausted EXHAUSTED = new Exhausted();

    /** Character reads left to the searches of one condition (or one extraction). */
    static final class Reads {
        private long left;

        private Reads(long left) {
            this.left = left;
        }

        /** The budget for searching these texts. */
        static Reads forTexts(String... texts) {
            long total = 0;
            for (String text : texts) {
                total += text.length();
            }
            return new Reads(1_000_000L + 50L * total);
        }
    }

    /** A read-only view of a string that counts character reads against a budget. */
    private static final class Budgeted implements CharSequence {
        private final String text;
        private final Reads reads;

        Budgeted(String text, Reads reads) {
            this.text = text;
            this.reads = reads;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            long left = --reads.left;
            if (left < 0) {
                throw EXHAUSTED;
            }
            if ((left & 0xFFF) == 0) {
                ContentBudget.check(STAGE);
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

    /** Start of the first match, -1 when there is none, {@link #GAVE_UP} when the budget ran out. */
    static int find(Pattern pattern, String text, Reads reads) {
        MatchResult m = match(pattern, text, reads);
        return m == null ? -1 : m == GIVE_UP ? GAVE_UP : m.start();
    }

    /** Marker result of {@link #match} for a search that gave up. */
    static final MatchResult GIVE_UP = Pattern.compile("").matcher("").toMatchResult();

    /** The first match with a budget of its own, null when there is none, {@link #GIVE_UP} when too costly. */
    static MatchResult match(Pattern pattern, String text) {
        return match(pattern, text, Reads.forTexts(text));
    }

    /** The first match, null when there is none, {@link #GIVE_UP} when the budget ran out (now or before). */
    static MatchResult match(Pattern pattern, String text, Reads reads) {
        if (reads.left <= 0) {
            return GIVE_UP;
        }
        Matcher matcher = pattern.matcher(new Budgeted(text, reads));
        try {
            return matcher.find() ? matcher.toMatchResult() : null;
        } catch (Exhausted | StackOverflowError e) {
            return GIVE_UP;
        }
    }
}
