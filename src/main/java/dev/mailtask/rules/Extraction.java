package dev.mailtask.rules;

import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Takes a named value from the subject, the body, or both (subject first): the text after a label to the
 * end of its line, the text between two labels, or a regex group. Labels match ignoring case unless the
 * extraction is case-sensitive. The value is trimmed and cut to {@link #MAX_VALUE} characters; an empty
 * value counts as not found.
 */
final class Extraction {

    static final int MAX_VALUE = 1000;

    enum Source {
        SUBJECT("subject"), BODY("body"), BOTH("both");

        final String label;

        Source(String label) {
            this.label = label;
        }
    }

    private final String name;
    private final Source source;
    private final Pattern after;
    private final Pattern before;
    private final Pattern regex;
    private final int group;

    private Extraction(String name, Source source, Pattern after, Pattern before, Pattern regex, int group) {
        this.name = name;
        this.source = source;
        this.after = after;
        this.before = before;
        this.regex = regex;
        this.group = group;
    }

    static Extraction afterLabel(String name, Source source, String label, String until, boolean caseSensitive) {
        return new Extraction(name, source, literal(label, caseSensitive),
                until == null ? null : literal(until, caseSensitive), null, 0);
    }

    /** @param pattern compiled by the caller (so it can report a bad regex with its line) */
    static Extraction regex(String name, Source source, Pattern pattern, int group) {
        return new Extraction(name, source, null, null, pattern, group);
    }

    private static Pattern literal(String label, boolean caseSensitive) {
        return Pattern.compile(label, Pattern.LITERAL | (caseSensitive ? 0 : Pattern.CASE_INSENSITIVE
                | Pattern.UNICODE_CASE));
    }

    String name() {
        return name;
    }

    /** The value, or null when not found. */
    String extract(MailFacts facts) {
        String value = null;
        if (source != Source.BODY) {
            value = from(facts.subject());
        }
        if (value == null && source != Source.SUBJECT) {
            value = from(facts.body());
        }
        return value;
    }

    private String from(String text) {
        String value;
        if (regex != null) {
            MatchResult m = Regexes.match(regex, text);
            value = m == null || m == Regexes.GIVE_UP ? null : m.group(group);
        } else {
            MatchResult start = Regexes.match(after, text);
            if (start == null || start == Regexes.GIVE_UP) {
                return null;
            }
            int from = start.end();
            int to;
            if (before == null) {
                to = from;
                while (to < text.length() && text.charAt(to) != '\n' && text.charAt(to) != '\r') {
                    to++;
                }
            } else {
                var matcher = before.matcher(text);
                if (!matcher.find(from)) {
                    return null;
                }
                to = matcher.start();
            }
            value = text.substring(from, to);
        }
        if (value == null) {
            return null;
        }
        value = value.strip();
        if (value.isEmpty()) {
            return null;
        }
        return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE);
    }
}
