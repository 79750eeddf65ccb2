package dev.mailtask.mail;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.mail.internet.MailDateFormat;

/** Small text helpers for header values: unfolding, ids, dates, line ends. */
final class MailText {

    private MailText() {
    }

    /** RFC 5322 unfolding: a line break followed by a blank is removed (the blank stays). */
    static String unfold(String s) {
        if (s == null || (s.indexOf('\r') < 0 && s.indexOf('\n') < 0)) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n') {
                continue; // a bare line break inside a header value cannot mean anything either
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** A decoded header value for display: tabs and other control characters become spaces, trimmed. */
    static String clean(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, ' ');
            }
        }
        return (sb == null ? s : sb.toString()).trim();
    }

    /** CRLF and lone CR to LF. */
    static String normalizeLineEnds(String s) {
        if (s.indexOf('\r') < 0) {
            return s;
        }
        return s.replace("\r\n", "\n").replace('\r', '\n');
    }

    // ------------------------------------------------------------------ message ids

    /** How many References a mail keeps: each may cost a look-up when its thread is searched. */
    static final int MAX_REFERENCES = 100;

    /**
     * References as far as a thread needs them: the first (where the thread began) and the nearest ones, at
     * most {@value #MAX_REFERENCES}, as RFC 5322 suggests trimming them (a list of 50,000 made the thread
     * search take half a minute).
     */
    static List<String> trimReferences(List<String> ids) {
        if (ids.size() <= MAX_REFERENCES) {
            return ids;
        }
        List<String> kept = new ArrayList<>(MAX_REFERENCES);
        kept.add(ids.get(0));
        kept.addAll(ids.subList(ids.size() - (MAX_REFERENCES - 1), ids.size()));
        return List.copyOf(kept);
    }

    /**
     * Message ids of a Message-ID / In-Reply-To / References value, in order, without angle brackets,
     * duplicates dropped. Bracketed ids count; so do bare tokens with an '@' (missing brackets); comments
     * and other words (junk such as "Your message of ...") are skipped.
     */
    static List<String> messageIds(String value) {
        if (value == null) {
            return List.of();
        }
        String s = unfold(value);
        Set<String> ids = new LinkedHashSet<>();
        int n = s.length();
        int i = 0;
        int nextGt = -2; // position of the next '>' at or after i + 1; -1: none left; -2: not searched yet
        while (i < n) {
            char c = s.charAt(i);
            if (c == '(') {
                i = skipComment(s, i);
            } else if (c == '<') {
                if (nextGt != -1 && nextGt < i + 1) {
                    nextGt = s.indexOf('>', i + 1); // each '>' is searched for once: linear on "<<<<..."
                }
                int close = nextGt;
                int end = close < 0 ? tokenEnd(s, i + 1) : close;
                String id = stripWhitespace(s.substring(i + 1, end));
                if (!id.isEmpty()) {
                    ids.add(id);
                }
                i = close < 0 ? end : close + 1;
            } else if (Character.isWhitespace(c) || c == ',' || c == ';') {
                i++;
            } else {
                int end = tokenEnd(s, i);
                String token = s.substring(i, end);
                if (token.indexOf('@') > 0 && token.indexOf('@') < token.length() - 1) {
                    ids.add(stripQuotes(token));
                }
                i = Math.max(end, i + 1);
            }
        }
        return List.copyOf(ids);
    }

    /**
     * The Message-ID value: the first id of {@link #messageIds}, or for a value with no id shape at all
     * the first bare token (junk, but what the sender gave), or null when empty.
     */
    static String messageId(String value) {
        List<String> ids = messageIds(value);
        if (!ids.isEmpty()) {
            return ids.get(0);
        }
        if (value == null) {
            return null;
        }
        String s = unfold(value).trim();
        if (s.isEmpty()) {
            return null;
        }
        String token = s.substring(0, tokenEnd(s, 0));
        token = stripQuotes(token.replace("<", "").replace(">", "")).trim();
        return token.isEmpty() ? null : token;
    }

    private static int tokenEnd(String s, int i) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == ',' || c == '<' || c == '(' || c == ';') {
                break;
            }
            i++;
        }
        return i;
    }

    private static int skipComment(String s, int i) {
        int depth = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i + 1;
            }
            i++;
        }
        return n;
    }

    private static String stripWhitespace(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String stripQuotes(String s) {
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    // ------------------------------------------------------------------ dates

    /** The Date header as an Instant, or null when absent or unparseable. */
    static Instant date(String value) {
        if (value == null) {
            return null;
        }
        String s = unfold(value).trim();
        if (s.isEmpty()) {
            return null;
        }
        if (s.length() > 200) {
            s = s.substring(0, 200); // a date is short; this keeps the patterns below cheap on junk
        }
        try {
            Date d = new MailDateFormat().parse(s); // MailDateFormat is not thread-safe: one per call
            if (d != null) {
                return d.toInstant();
            }
        } catch (java.text.ParseException | RuntimeException e) {
            // try the other shapes below
        }
        List<String> variants = new ArrayList<>();
        variants.add(s);
        variants.add(s.replaceAll("\\s*\\([^)]*\\)\\s*$", ""));
        for (String v : variants) {
            try {
                return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeException e) {
                // next
            }
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeException e) {
                // next
            }
            try {
                return Instant.parse(v);
            } catch (DateTimeException e) {
                // next
            }
        }
        return null;
    }
}
