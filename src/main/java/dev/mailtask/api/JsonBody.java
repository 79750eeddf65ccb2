package dev.mailtask.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's JSON body checked against the fields its endpoint takes, in one place for every endpoint: an
 * unknown field, a repeated one, a value of the wrong type ({@code "hidden": "yes"}, a text where a list
 * belongs), a text too long or with a control character in it is a 400 naming the field and what it takes.
 * {@code null} passes for every field (the endpoint decides whether it means "not given" or "clear"). What
 * passes can be read with Jackson's {@code path(...).asText()} and friends without a second look at types.
 */
public final class JsonBody {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** No limit on a text's length (a comment's text, an attachment's content). */
    private static final int UNLIMITED = Integer.MAX_VALUE;

    private enum Kind {
        TEXT("a text"), MULTI_LINE_TEXT("a text"), BOOLEAN("true or false"), WHOLE_NUMBER("a whole number"),
        TEXTS("a list of texts"), OBJECT("an object"), OBJECTS("a list of objects");

        final String expected;

        Kind(String expected) {
            this.expected = expected;
        }
    }

    /** One field an endpoint takes: its name, type, longest text and, for objects, their fields. */
    public record Field(String name, Kind kind, int maxLength, List<Field> fields) {
    }

    private JsonBody() {
    }

    /** A one-line text (no control characters) of at most {@code maxLength} characters. */
    public static Field text(String name, int maxLength) {
        return new Field(name, Kind.TEXT, maxLength, List.of());
    }

    /** A text of any length that may hold line breaks and tabs, but no other control characters. */
    public static Field multiLineText(String name) {
        return new Field(name, Kind.MULTI_LINE_TEXT, UNLIMITED, List.of());
    }

    public static Field bool(String name) {
        return new Field(name, Kind.BOOLEAN, 0, List.of());
    }

    /** A whole number that fits an int. */
    public static Field wholeNumber(String name) {
        return new Field(name, Kind.WHOLE_NUMBER, 0, List.of());
    }

    /** A list of one-line texts, each of at most {@code maxLength} characters. */
    public static Field texts(String name, int maxLength) {
        return new Field(name, Kind.TEXTS, maxLength, List.of());
    }

    public static Field object(String name, Field... fields) {
        return new Field(name, Kind.OBJECT, 0, List.of(fields));
    }

    public static Field objects(String name, Field... fields) {
        return new Field(name, Kind.OBJECTS, 0, List.of(fields));
    }

    /** The body as a JSON object holding only these fields, each of its type. */
    public static JsonNode parse(String body, Field... fields) {
        JsonNode json;
        try {
            json = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        checkObject("", json, List.of(fields));
        return json;
    }

    private static void checkObject(String path, JsonNode json, List<Field> fields) {
        Map<String, Field> allowed = new LinkedHashMap<>();
        fields.forEach(f -> allowed.put(f.name(), f));
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.containsKey(name)) {
                unknown.add(path + name);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unknown field(s) " + unknown + "; allowed"
                    + (path.isEmpty() ? "" : " in " + path.substring(0, path.length() - 1)) + ": "
                    + allowed.keySet());
        }
        for (Field field : fields) {
            JsonNode value = json.get(field.name());
            if (value != null && !value.isNull()) {
                check(path + field.name(), value, field);
            }
        }
    }

    private static void check(String name, JsonNode value, Field field) {
        switch (field.kind()) {
            case TEXT, MULTI_LINE_TEXT -> text(name, value, field);
            case BOOLEAN -> require(value.isBoolean(), name, value, field.kind());
            case WHOLE_NUMBER -> require(value.isIntegralNumber() && value.canConvertToInt(), name, value,
                    field.kind());
            case TEXTS -> {
                require(value.isArray(), name, value, field.kind());
                for (int i = 0; i < value.size(); i++) {
                    text(name + "[" + i + "]", value.get(i), text(field.name(), field.maxLength()));
                }
            }
            case OBJECT -> {
                require(value.isObject(), name, value, field.kind());
                checkObject(name + ".", value, field.fields());
            }
            case OBJECTS -> {
                require(value.isArray(), name, value, field.kind());
                for (int i = 0; i < value.size(); i++) {
                    require(value.get(i).isObject(), name + "[" + i + "]", value.get(i), Kind.OBJECT);
                    checkObject(name + "[" + i + "].", value.get(i), field.fields());
                }
            }
        }
    }

    private static void text(String name, JsonNode value, Field field) {
        require(value.isTextual(), name, value, field.kind());
        String text = value.textValue();
        if (text.length() > field.maxLength()) {
            throw ApiException.badRequest(name + " is longer than " + field.maxLength() + " characters ('"
                    + printable(text) + "')");
        }
        boolean multiLine = field.kind() == Kind.MULTI_LINE_TEXT;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && !(multiLine && (c == '\n' || c == '\r' || c == '\t'))) {
                throw ApiException.badRequest(name + " must not hold control characters (U+"
                        + String.format("%04X", (int) c) + " at position " + i + " of '" + printable(text) + "')"
                        + (multiLine ? "; line breaks and tabs are fine" : "; it is one line of text"));
            }
        }
    }

    /** The start of a text with control characters as \\uXXXX, fit to quote in a message. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(60).forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
                : Character.toString(c)));
        return text.codePointCount(0, text.length()) > 60 ? out + "…" : out.toString();
    }

    private static void require(boolean ok, String name, JsonNode value, Kind kind) {
        if (!ok) {
            String shown = value.toString();
            throw ApiException.badRequest(name + " must be " + kind.expected + ", not "
                    + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown));
        }
    }
}
