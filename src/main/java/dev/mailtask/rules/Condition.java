package dev.mailtask.rules;

import dev.mailtask.mail.ContentBudget;
import java.util.regex.Pattern;

/**
 * One numbered condition of a rule, compiled at load: the value is lower-cased once (unless case-sensitive)
 * and a regex is compiled once. A condition on a field with several values (recipients, attachments, a
 * repeated header) holds when any value matches; {@code not contains} holds when none contains the value.
 */
final class Condition {

    private final int number;
    private final ConditionField field;
    private final String header;
    private final String headerKey;
    private final Operator op;
    private final String value;
    private final String needle;
    private final Pattern pattern;
    private final boolean caseSensitive;
    private final String test;

    Condition(int number, ConditionField field, String header, Operator op, String value, boolean caseSensitive) {
        this.number = number;
        this.field = field;
        this.header = header;
        this.headerKey = header == null ? null : Words.lower(header);
        this.op = op;
        this.value = value;
        this.caseSensitive = caseSensitive;
        this.needle = value == null ? null : caseSensitive ? value : Words.lower(value);
        this.pattern = op == Operator.REGEX ? Pattern.compile(value,
                caseSensitive ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE) : null;
        this.test = describe();
    }

    int number() {
        return number;
    }

    ConditionField field() {
        return field;
    }

    private String describe() {
        String subject = field == ConditionField.HEADER ? "header " + header : field.label();
        if (field.standalone()) {
            return subject;
        }
        return subject + " " + op.label() + " " + Words.quote(value) + (caseSensitive ? " (case-sensitive)" : "");
    }

    ConditionTrace test(MailFacts facts) {
        if (field == ConditionField.ANY_MAIL) {
            return new ConditionTrace(number, test, true, "");
        }
        if (field == ConditionField.HAS_ATTACHMENT) {
            boolean has = facts.hasAttachment();
            return new ConditionTrace(number, test, has, has ? summary(facts.attachmentNames()) : "(none)");
        }
        boolean lower = !caseSensitive && op != Operator.REGEX;
        String[] texts = facts.values(field, headerKey, lower);
        // one budget for all values: a hundred thousand recipients must not multiply it
        Regexes.Reads reads = op == Operator.REGEX ? Regexes.Reads.forTexts(texts) : null;
        boolean gaveUp = false;
        for (int i = 0; i < texts.length; i++) {
            if ((i & 0x3FF) == 0x3FF) {
                ContentBudget.check(Regexes.STAGE);
            }
            int at = find(texts[i], reads);
            if (at >= 0) {
                String[] raw = lower ? facts.values(field, headerKey, false) : texts;
                String shown = Words.excerpt(raw[i], Math.min(at, raw[i].length()));
                return new ConditionTrace(number, test, op != Operator.NOT_CONTAINS, shown);
            }
            gaveUp |= at == Regexes.GAVE_UP;
        }
        String shown = facts.shown(field, headerKey);
        if (gaveUp) {
            shown = Regexes.GAVE_UP_NOTE + " " + shown;
        }
        return new ConditionTrace(number, test, op == Operator.NOT_CONTAINS, shown);
    }

    /** Where the value matches in one text (for {@code not contains}: where it is contained), or -1. */
    private int find(String text, Regexes.Reads reads) {
        return switch (op) {
            case CONTAINS, NOT_CONTAINS -> text.indexOf(needle);
            case EQUALS -> text.equals(needle) ? 0 : -1;
            case STARTS_WITH -> text.startsWith(needle) ? 0 : -1;
            case ENDS_WITH -> text.endsWith(needle) ? text.length() - needle.length() : -1;
            case REGEX -> Regexes.find(pattern, text, reads);
        };
    }

    static String summary(String[] values) {
        if (values.length == 0) {
            return "(none)";
        }
        if (values.length == 1) {
            return Words.shorten(values[0]);
        }
        return Words.shorten(String.join(", ", values));
    }
}
