package dev.mailtask.rules;

import java.util.Locale;

/** Small text helpers shared by loading, evaluation and the trace. */
final class Words {

    /** How long a value shown in a trace may be. */
    static final int SHOWN = 80;

    private Words() {
    }

    /** "Starts With", "startsWith", "starts_with" and "starts-with" all become "startswith". */
    static String key(String written) {
        StringBuilder b = new StringBuilder(written.length());
        for (int i = 0; i < written.length(); i++) {
            char c = written.charAt(i);
            if (c != ' ' && c != '_' && c != '-' && c != '\t') {
                b.append(c);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** The text around {@code at} (the start of a match), at most {@link #SHOWN} characters, on one line. */
    static String excerpt(String text, int at) {
        if (text.length() <= SHOWN) {
            return oneLine(text);
        }
        int start = Math.max(0, Math.min(at - 20, text.length() - SHOWN));
        int end = Math.min(text.length(), start + SHOWN);
        if (start > 0 && Character.isLowSurrogate(text.charAt(start))) {
            start++;
        }
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return (start > 0 ? "…" : "") + oneLine(text.substring(start, end)) + (end < text.length() ? "…" : "");
    }

    static String shorten(String text) {
        return excerpt(text, 0);
    }

    private static String oneLine(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n' || c == '\t') {
                if (b == null) {
                    b = new StringBuilder(s.length()).append(s, 0, i);
                }
                if (c == '\n' || c == '\t' || i + 1 >= s.length() || s.charAt(i + 1) != '\n') {
                    b.append(' ');
                }
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }
}
