package dev.mailtask.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text with {@code {name}} placeholders for extracted values and the built-in values {@code {subject}},
 * {@code {from}}, {@code {fromName}}. A placeholder whose value was not extracted becomes empty. Braces
 * that do not enclose a name are kept as written.
 */
final class Template {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    private final String text;
    /** Alternating literal text and names: even indexes literal, odd indexes names. */
    private final String[] parts;

    private Template(String text, String[] parts) {
        this.text = text;
        this.parts = parts;
    }

    static Template of(String text) {
        List<String> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            parts.add(text.substring(last, m.start()));
            parts.add(m.group(1));
            last = m.end();
        }
        parts.add(text.substring(last));
        return new Template(text, parts.toArray(new String[0]));
    }

    String text() {
        return text;
    }

    boolean constant() {
        return parts.length == 1;
    }

    Set<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (int i = 1; i < parts.length; i += 2) {
            names.add(parts[i]);
        }
        return names;
    }

    String render(Map<String, String> values) {
        if (parts.length == 1) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 32);
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 0) {
                b.append(parts[i]);
            } else {
                String v = values.get(parts[i]);
                if (v != null) {
                    b.append(v);
                }
            }
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
