package dev.mailtask.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What of an HTTP request the API reads besides its path and body, and where from: the token only from the
 * {@code Authorization} header (never a URL, which ends up in logs, nor a form), query parameters only under
 * names nothing else uses (never a path parameter's, a header's or Camel's own), and bodies as JSON, YAML or
 * mail, never as a form.
 */
public final class ApiRequest {

    /** Request headers the API reads; every other one is dropped before any route sees it. */
    public static final List<String> READ_HEADERS = List.of("Authorization", "Content-Type");

    private ApiRequest() {
    }

    /**
     * The query parameters a route may read.
     *
     * @param rawQuery the query as sent (percent-encoded), or null
     * @param taken    true for a name the exchange already has (a path parameter, a header, Camel's own)
     */
    public static Map<String, String> queryParameters(String rawQuery, Predicate<String> taken) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("authorization") || lower.equals("access_token")) {
                throw ApiException.badRequest("the API token goes in the 'Authorization: Bearer <token>' header,"
                        + " never in the URL (query parameter '" + name + "')");
            }
            if (lower.startsWith("camel") || READ_HEADERS.stream().anyMatch(h -> h.equalsIgnoreCase(name))
                    || taken.test(name)) {
                throw ApiException.badRequest("query parameter '" + name + "' is not accepted: the name is the"
                        + " path's, a header's or the server's own");
            }
            if (parameters.keySet().stream().anyMatch(n -> n.equalsIgnoreCase(name))) {
                throw ApiException.badRequest("query parameter '" + name + "' is given twice");
            }
            parameters.put(name, value);
        }
        return parameters;
    }

    /** A body the API can read: not a form (a form's fields would pose as request values). */
    public static void checkBodyType(Object contentType) {
        if (contentType instanceof Iterable<?>) {
            throw ApiException.badRequest("send one Content-Type header");
        }
        String type = contentType == null ? "" : contentType.toString().strip().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/")) {
            throw new ApiException(415, "the API takes JSON (YAML for rules, a mail for the dry run), not "
                    + type.split(";")[0]);
        }
    }

    /** One Authorization value at most: a second one came from somewhere else than the header. */
    public static void checkAuthorization(Object header) {
        if (header instanceof Iterable<?>) {
            throw ApiException.badRequest("send one Authorization header");
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the query is not well-formed: " + e.getMessage());
        }
    }
}
