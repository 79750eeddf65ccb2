package dev.mailtask.intake;

import java.util.regex.Pattern;

/**
 * What a sender can say in the subject: {@code @nonotify} (no notifications; removed from the title) and,
 * for mail to {@code task+@}, {@code #text} naming the task by a piece of its title.
 *
 * @param subject    the subject without {@code @nonotify}
 * @param notifyPeople false when the subject said {@code @nonotify}
 * @param searchText the text after the first {@code #}, or null
 */
public record SubjectDirectives(String subject, boolean notifyPeople, String searchText) {

    private static final Pattern NO_NOTIFY = Pattern.compile("(?i)(^|\\s)@nonotify\\b");

    public static SubjectDirectives of(String subject) {
        String text = subject == null ? "" : subject;
        boolean notify = !NO_NOTIFY.matcher(text).find();
        String clean = NO_NOTIFY.matcher(text).replaceAll(" ").replaceAll("\\s{2,}", " ").strip();
        int hash = clean.indexOf('#');
        String search = hash < 0 ? null : clean.substring(hash + 1).strip();
        return new SubjectDirectives(clean, notify, search == null || search.isEmpty() ? null : search);
    }

    /** The subject a new task takes its title from when {@code #text} found no task: the '#' dropped. */
    public String subjectWithoutHash() {
        int hash = subject.indexOf('#');
        return hash < 0 ? subject : (subject.substring(0, hash) + subject.substring(hash + 1)).replaceAll("\\s{2,}", " ");
    }
}
