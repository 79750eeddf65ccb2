package dev.mailtask.mail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a receiving server said of a mail's origin in its {@code Authentication-Results} header (RFC 8601):
 * the server's id and, per method (dkim, spf, dmarc), the result and the domain it was about. Anyone can
 * write such a header, so only the one a server we trust added counts: the topmost carrying its id (a server
 * adds its own on top; one further down, or the sender's, is not its word).
 */
public record AuthenticationResults(String authservId, List<Result> results) {

    /** One method's result: {@code dmarc=pass header.from=example.com}. */
    public record Result(String method, String result, Map<String, String> properties) {
    }

    /** A header value longer than this is not a server's (and is not read, so it costs nothing). */
    private static final int MAX_LENGTH = 16 * 1024;

    /** The topmost header of a trusted server, or null when there is none. */
    public static AuthenticationResults trusted(InboundMail mail, Set<String> trustedIds) {
        if (trustedIds.isEmpty()) {
            return null;
        }
        for (MailHeader header : mail.headers()) {
            if (header.name().equalsIgnoreCase("Authentication-Results")) {
                AuthenticationResults parsed = parse(header.value());
                if (parsed != null && trustedIds.contains(parsed.authservId())) {
                    return parsed;
                }
            }
        }
        return null;
    }

    /** The header's content, or null when it is not one (no id, too long). */
    public static AuthenticationResults parse(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return null;
        }
        String[] parts = withoutComments(value).split(";");
        String[] head = parts[0].strip().split("\\s+");
        if (head.length == 0 || head[0].isEmpty()) {
            return null;
        }
        List<Result> results = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            String[] words = parts[i].strip().split("\\s+");
            int eq = words[0].indexOf('=');
            if (eq <= 0) {
                continue; // "none", or not a result
            }
            String method = words[0].substring(0, eq).toLowerCase(Locale.ROOT);
            int slash = method.indexOf('/');
            method = slash > 0 ? method.substring(0, slash) : method;
            Map<String, String> properties = new HashMap<>();
            for (int w = 1; w < words.length; w++) {
                int at = words[w].indexOf('=');
                if (at > 0 && words[w].indexOf('.') > 0 && words[w].indexOf('.') < at) {
                    properties.putIfAbsent(words[w].substring(0, at).toLowerCase(Locale.ROOT),
                            unquote(words[w].substring(at + 1)));
                }
            }
            results.add(new Result(method, words[0].substring(eq + 1).toLowerCase(Locale.ROOT), Map.copyOf(properties)));
        }
        return new AuthenticationResults(head[0].toLowerCase(Locale.ROOT), List.copyOf(results));
    }

    /**
     * Whether the server found mail from this domain authentic: DMARC passed for it, or DKIM passed with its
     * signature, or SPF passed with the envelope sender at it (each aligned with the From domain).
     */
    public boolean passes(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        for (Result r : results) {
            if (!r.result().equals("pass")) {
                continue;
            }
            boolean aligned = switch (r.method()) {
                case "dmarc" -> d.equals(domainOf(r.properties().get("header.from")));
                case "dkim" -> d.equals(domainOf(r.properties().get("header.d")))
                        || d.equals(domainOf(r.properties().get("header.i")));
                case "spf" -> d.equals(domainOf(r.properties().get("smtp.mailfrom")));
                default -> false;
            };
            if (aligned) {
                return true;
            }
        }
        return false;
    }

    /** Whether the server found the From forged: DMARC failed for this domain. */
    public boolean fails(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        return results.stream().anyMatch(r -> r.method().equals("dmarc") && r.result().equals("fail")
                && d.equals(domainOf(r.properties().get("header.from"))));
    }

    private static String domainOf(String value) {
        if (value == null) {
            return null;
        }
        int at = value.lastIndexOf('@');
        return value.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** The value without (comments), nested ones too; a quoted string is kept as it is. */
    private static String withoutComments(String value) {
        StringBuilder out = new StringBuilder(value.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                if (depth == 0) {
                    out.append(c).append(value.charAt(i + 1));
                }
                i++;
            } else if (quoted) {
                out.append(c);
                quoted = c != '"';
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                quoted = c == '"';
                out.append(c);
            }
        }
        return out.toString();
    }
}
