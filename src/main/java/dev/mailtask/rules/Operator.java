package dev.mailtask.rules;

import java.util.Map;

/** How a condition compares. Text operators are case-insensitive unless the condition says otherwise. */
public enum Operator {
    CONTAINS("contains"),
    NOT_CONTAINS("not contains"),
    EQUALS("equals"),
    STARTS_WITH("starts with"),
    ENDS_WITH("ends with"),
    /** The text contains a match of a Java regular expression (anchor with ^ and $ for a whole match). */
    REGEX("regex");

    private static final Map<String, Operator> ALIASES = Map.of(
            "doesnotcontain", NOT_CONTAINS,
            "notcontain", NOT_CONTAINS,
            "matches", REGEX,
            "matchesregex", REGEX,
            "is", EQUALS);

    private final String label;

    Operator(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The operator written as {@code starts with}, {@code startsWith}, {@code starts_with}, ...; null when unknown. */
    static Operator byName(String written) {
        String key = Words.key(written);
        for (Operator op : values()) {
            if (Words.key(op.label).equals(key)) {
                return op;
            }
        }
        return ALIASES.get(key);
    }

    static String choices() {
        StringBuilder b = new StringBuilder();
        for (Operator op : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(op.label);
        }
        return b.toString();
    }
}
