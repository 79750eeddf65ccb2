package dev.mailtask.rules;

import java.util.Locale;

/** What part of a mail a condition looks at. {@code HEADER} is written {@code header: <name>} in a file. */
public enum ConditionField {
    FROM("from"),
    FROM_NAME("from name"),
    TO("to"),
    CC("cc"),
    ANY_RECIPIENT("any recipient"),
    SUBJECT("subject"),
    BODY("body"),
    HEADER("header"),
    HAS_ATTACHMENT("has attachment"),
    ATTACHMENT_NAME("attachment name"),
    ANY_MAIL("any mail");

    private final String label;

    ConditionField(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True for the fields that take no operator and no value. */
    public boolean standalone() {
        return this == HAS_ATTACHMENT || this == ANY_MAIL;
    }

    /** The field written as {@code from name}, {@code fromName}, {@code from_name}, ...; null when unknown. */
    static ConditionField byName(String written) {
        String key = Words.key(written);
        for (ConditionField f : values()) {
            if (f != HEADER && Words.key(f.label).equals(key)) {
                return f;
            }
        }
        return null;
    }

    static String choices() {
        StringBuilder b = new StringBuilder();
        for (ConditionField f : values()) {
            if (f != HEADER) {
                b.append(b.length() == 0 ? "" : ", ").append(f.label);
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return label.toUpperCase(Locale.ROOT);
    }
}
