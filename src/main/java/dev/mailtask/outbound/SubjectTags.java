package dev.mailtask.outbound;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The task tag in subjects: {@code [#42]}.
 *
 * <p><b>Written</b> ({@link #tagged}): {@code [#42] title}, the tag first so it survives subject truncation
 * in mail clients and stays in front of whatever prefixes ("Re:", "AW:", "Fwd:") replies add before it.
 * Tags already in the title ({@code [#42]} or another task's {@code [#17]}, say from a client's subject that
 * became the title) are removed first, so a subject carries exactly one tag, ours. Titles are cleaned like
 * any subject (controls to spaces, white space collapsed) and cut at {@value #MAX_TITLE} characters with
 * "…".
 *
 * <p><b>Read</b> ({@link #taskNumberIn}): only our exact form {@code [#<digits>]}, anywhere in the subject
 * ({@code Re: [#42] x}, {@code AW: WG: [#42]}, {@code x [#42]}); the first one when there are several
 * (prefixes are added in front, so the first is the latest). Not accepted, on purpose: project-style tags
 * such as {@code [Support #42]} or {@code [JIRA-42]}, {@code #42} without brackets, spaces inside the
 * brackets: those are other systems' ticket numbers and would thread foreign mail into our tasks. We never
 * write them, so no reply of ours carries them. {@code [#0]} and numbers over 18 digits are not tags.
 * The subject is only a weak signal anyway: threading uses it only when the sender is a participant.
 */
public final class SubjectTags {

    /** Longest title kept in a subject, in characters (code points). */
    public static final int MAX_TITLE = 200;

    private static final Pattern TAG = Pattern.compile("\\[#([0-9]{1,18})]");
    private static final Pattern TAG_WITH_SPACE = Pattern.compile("\\s*\\[#[0-9]{1,18}]\\s*");

    private SubjectTags() {
    }

    /** {@code [#42] title}; just {@code [#42]} for an empty title. */
    public static String tagged(String title, long taskNumber) {
        if (taskNumber <= 0) {
            throw new IllegalArgumentException("taskNumber: must be positive, was " + taskNumber);
        }
        String clean = withoutTags(title);
        if (clean.codePointCount(0, clean.length()) > MAX_TITLE) {
            clean = clean.substring(0, clean.offsetByCodePoints(0, MAX_TITLE - 1)).strip() + "…";
        }
        return clean.isEmpty() ? "[#" + taskNumber + "]" : "[#" + taskNumber + "] " + clean;
    }

    /** The first task number tagged {@code [#N]} in the subject, or empty. */
    public static OptionalLong taskNumberIn(String subject) {
        if (subject == null) {
            return OptionalLong.empty();
        }
        Matcher m = TAG.matcher(subject);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            if (n > 0) {
                return OptionalLong.of(n);
            }
        }
        return OptionalLong.empty();
    }

    /** The subject with every {@code [#N]} tag removed and cleaned (controls to spaces, white space collapsed). */
    public static String withoutTags(String subject) {
        return HeaderText.freeText(TAG_WITH_SPACE.matcher(subject == null ? "" : subject).replaceAll(" "));
    }
}
