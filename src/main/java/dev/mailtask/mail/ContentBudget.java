package dev.mailtask.mail;

import java.time.Duration;

/**
 * The time one mail's content may take to work out: parsing, charset detection, HTML cleaning and rendering,
 * quote finding, rule evaluation. Each of those stages is linear in what the sender wrote; this is the safety
 * net over them, so that no mail holds up the mail behind it for longer than the budget.
 *
 * <p>The deadline belongs to the calling thread while {@link #run} runs. The loops that handle sender-controlled
 * content call {@link #check} (cheap: a clock read), and regular expressions read the text through
 * {@link #watch}; past the deadline they throw {@link Exceeded}, naming the stage. Outside {@link #run}
 * nothing is ever over budget (tests, tools), so the content classes stay plain functions.
 */
public final class ContentBudget {

    private static final ThreadLocal<ContentBudget> CURRENT = new ThreadLocal<>();

    private final Duration limit;
    private final long deadline;

    private ContentBudget(Duration limit) {
        this.limit = limit;
        this.deadline = System.nanoTime() + limit.toNanos();
    }

    /** Work that may throw a checked exception of its own (a parse error). */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** Runs {@code work} on this thread with a deadline {@code limit} from now; budgets do not nest. */
    public static <T, E extends Exception> T run(Duration limit, Work<T, E> work) throws E {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("a content budget must be positive, not " + limit);
        }
        ContentBudget outer = CURRENT.get();
        CURRENT.set(outer != null ? outer : new ContentBudget(limit));
        try {
            return work.run();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            }
        }
    }

    /** Throws {@link Exceeded} when the current mail is past its deadline; {@code stage} says what was at work. */
    public static void check(String stage) {
        ContentBudget budget = CURRENT.get();
        if (budget != null && System.nanoTime() - budget.deadline > 0) {
            throw new Exceeded(stage, budget.limit);
        }
    }

    /**
     * The text as a regular expression should read it: while a budget runs, every few thousand character
     * reads check the deadline, so a backtracking pattern cannot run past it. Without a budget, the text itself.
     */
    public static CharSequence watch(CharSequence text, String stage) {
        ContentBudget budget = CURRENT.get();
        return budget == null ? text : new Watched(text, stage, budget);
    }

    /** A mail's content took longer than its budget; the message says how long and in which stage. */
    public static final class Exceeded extends RuntimeException {
        private final String stage;

        Exceeded(String stage, Duration limit) {
            super("over the content budget of " + seconds(limit) + " in " + stage, null, false, false);
            this.stage = stage;
        }

        /** What was at work when the budget ran out: "html cleaning", "quote finding", … */
        public String stage() {
            return stage;
        }
    }

    /** "5 s", "2.5 s", "0.25 s". */
    static String seconds(Duration d) {
        return java.math.BigDecimal.valueOf(d.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }

    /** Reads through to the text; checks the deadline every {@value #CHECK_EVERY} reads. */
    private static final class Watched implements CharSequence {
        private static final int CHECK_EVERY = 4096;
        private final CharSequence text;
        private final String stage;
        private final ContentBudget budget;
        private int reads;

        Watched(CharSequence text, String stage, ContentBudget budget) {
            this.text = text;
            this.stage = stage;
            this.budget = budget;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (++reads == CHECK_EVERY) {
                reads = 0;
                if (System.nanoTime() - budget.deadline > 0) {
                    throw new Exceeded(stage, budget.limit);
                }
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
