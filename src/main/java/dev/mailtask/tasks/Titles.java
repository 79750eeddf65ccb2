package dev.mailtask.tasks;

import dev.mailtask.store.Columns;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Task titles from mail subjects: reply and forward prefixes stripped, whitespace collapsed, bounded. */
public final class Titles {

    public static final int MAX_LENGTH = 1000;
    public static final String NO_SUBJECT = "(no subject)";

    /**
     * Prefixes of replies and forwards as mail clients write them: English, German, Nordic, French, Dutch,
     * Russian, with optional counters ("Re[2]:", "Re(3):", "RE^2:").
     */
    private static final Pattern PREFIX = Pattern.compile(
            "^\\s*(?:re|fwd?|aw|wg|sv|vs|vl|tr|antw|doorst|rif|ответ|отв|пересл)"
                    + "\\s*(?:\\[\\d+]|\\(\\d+\\)|\\^\\d+)?\\s*[:：]\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private Titles() {
    }

    public static String fromSubject(String subject) {
        String title = subject == null ? "" : subject.replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
        // prefix after prefix, each matched where the last ended (cutting one at a time copies the rest each time)
        Matcher prefix = PREFIX.matcher(title);
        int start = 0;
        while (start < title.length() && prefix.region(start, title.length()).lookingAt() && prefix.end() > start) {
            start = prefix.end();
        }
        title = title.substring(start).strip();
        if (title.isEmpty()) {
            return NO_SUBJECT;
        }
        return Columns.clip(title, MAX_LENGTH);
    }
}
