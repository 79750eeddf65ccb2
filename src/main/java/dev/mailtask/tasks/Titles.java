package dev.mailtask.tasks;

import dev.mailtask.store.Columns;
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
        String previous;
        do {
            previous = title;
            title = PREFIX.matcher(title).replaceFirst("");
        } while (!title.equals(previous));
        title = title.strip();
        if (title.isEmpty()) {
            return NO_SUBJECT;
        }
        return Columns.clip(title, MAX_LENGTH);
    }
}
