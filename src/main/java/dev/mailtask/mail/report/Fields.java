package dev.mailtask.mail.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Header-style "Name: value" fields in report parts (message/delivery-status, message/feedback-report,
 * message/disposition-notification, the header section of message/rfc822 and text/rfc822-headers), read
 * leniently: folded lines are unfolded, lines that are not fields are skipped, blank lines separate blocks.
 */
final class Fields {

    record Field(String name, String value) {
        boolean is(String n) {
            return name.equalsIgnoreCase(n);
        }
    }

    private static final Pattern FIELD = Pattern.compile("^([A-Za-z][A-Za-z0-9-]{0,76})[ \\t]*:[ \\t]*(.*)$");
    private static final Pattern ID = Pattern.compile("<([^<>\\s]+)>");

    private Fields() {
    }

    static String text(byte[] content) {
        String s = new String(content, StandardCharsets.UTF_8);
        return s.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The fields of each blank-line separated block, blocks without fields dropped. */
    static List<List<Field>> blocks(String text) {
        List<List<Field>> blocks = new ArrayList<>();
        List<Field> current = new ArrayList<>();
        String name = null;
        StringBuilder value = null;
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (name != null) {
                    current.add(new Field(name, value.toString().trim()));
                    name = null;
                }
                if (!current.isEmpty()) {
                    blocks.add(current);
                    current = new ArrayList<>();
                }
                continue;
            }
            char c = line.charAt(0);
            if ((c == ' ' || c == '\t') && name != null) {
                value.append(' ').append(line.trim());
                continue;
            }
            if (name != null) {
                current.add(new Field(name, value.toString().trim()));
                name = null;
            }
            Matcher m = FIELD.matcher(line);
            if (m.matches()) {
                name = m.group(1);
                value = new StringBuilder(m.group(2));
            }
        }
        if (name != null) {
            current.add(new Field(name, value.toString().trim()));
        }
        if (!current.isEmpty()) {
            blocks.add(current);
        }
        return blocks;
    }

    /** The header section of a message (up to the first blank line after the first field). */
    static List<Field> headerSection(String text) {
        int i = 0;
        while (i < text.length() && text.charAt(i) == '\n') {
            i++;
        }
        int end = text.indexOf("\n\n", i);
        String head = end < 0 ? text.substring(i) : text.substring(i, end);
        List<List<Field>> b = blocks(head);
        return b.isEmpty() ? List.of() : b.get(0);
    }

    static String first(List<Field> fields, String name) {
        for (Field f : fields) {
            if (f.is(name)) {
                return f.value();
            }
        }
        return null;
    }

    /** A Message-ID value without angle brackets: the first {@code <...>}, else the first token; or null. */
    static String messageId(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = ID.matcher(value);
        if (m.find()) {
            return m.group(1);
        }
        String v = value.trim();
        int sp = v.indexOf(' ');
        if (sp > 0) {
            v = v.substring(0, sp);
        }
        return v.isEmpty() || v.indexOf('@') < 0 && v.length() < 3 ? null : v;
    }

    /** "rfc822; a@b" → "a@b"; "dns; mx.example" → "mx.example"; strips angle brackets. */
    static String typed(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        int semi = v.indexOf(';');
        if (semi >= 0 && semi < 20 && v.substring(0, semi).matches("[A-Za-z0-9-]+")) {
            v = v.substring(semi + 1).trim();
        }
        if (v.startsWith("<") && v.endsWith(">")) {
            v = v.substring(1, v.length() - 1).trim();
        }
        v = v.replaceAll("\\s+", " ");
        return v.isEmpty() ? null : v;
    }

    static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
