package dev.mailtask.api;

import static dev.mailtask.api.JsonBody.bool;
import static dev.mailtask.api.JsonBody.multiLineText;
import static dev.mailtask.api.JsonBody.object;
import static dev.mailtask.api.JsonBody.objects;
import static dev.mailtask.api.JsonBody.text;
import static dev.mailtask.api.JsonBody.texts;
import static dev.mailtask.api.JsonBody.wholeNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    private static final JsonBody.Field[] COMMENT = {text("author", 20), multiLineText("text"), bool("hidden"),
            wholeNumber("n"), object("notify", texts("contacts", 50)), objects("attachments", text("fileName", 20))};

    @Test
    void aBodyOfTheRightShapePasses() {
        JsonNode json = JsonBody.parse("""
                {"author": "alice", "text": "line one\\r\\n\\tline two", "hidden": true, "n": 3,
                 "notify": {"contacts": ["a@b.example"]}, "attachments": [{"fileName": "a.txt"}]}""", COMMENT);
        assertThat(json.path("hidden").asBoolean()).isTrue();
        assertThat(JsonBody.parse("{\"hidden\": null, \"notify\": null}", COMMENT).path("hidden").asBoolean(false))
                .isFalse();
    }

    @Test
    void aWrongTypeIsRefusedNamingTheFieldAndWhatItTakes() {
        Map<String, String> refused = Map.ofEntries(
                Map.entry("{\"hidden\": \"yes\"}", "hidden must be true or false, not \"yes\""),
                Map.entry("{\"hidden\": 1}", "hidden must be true or false, not 1"),
                Map.entry("{\"notify\": {\"contacts\": \"a@b.example\"}}",
                        "notify.contacts must be a list of texts, not \"a@b.example\""),
                Map.entry("{\"notify\": {\"contacts\": [\"a@b.example\", 5]}}", "notify.contacts[1] must be a text, not 5"),
                Map.entry("{\"notify\": [\"a@b.example\"]}", "notify must be an object"),
                Map.entry("{\"attachments\": {\"fileName\": \"a\"}}", "attachments must be a list of objects"),
                Map.entry("{\"attachments\": [\"a\"]}", "attachments[0] must be an object"),
                Map.entry("{\"author\": 5}", "author must be a text, not 5"),
                Map.entry("{\"author\": [\"alice\"]}", "author must be a text"),
                Map.entry("{\"n\": \"3\"}", "n must be a whole number"),
                Map.entry("{\"n\": 1.5}", "n must be a whole number"),
                Map.entry("{\"n\": 99999999999}", "n must be a whole number"),
                Map.entry("{\"author\": \"al\\u0000ice\"}", "author must not hold control characters (U+0000"),
                Map.entry("{\"author\": \"al\\nice\"}", "author must not hold control characters (U+000A"),
                Map.entry("{\"text\": \"bell\\u0007\"}", "text must not hold control characters (U+0007"),
                Map.entry("{\"text\": \"c1\\u0085\"}", "text must not hold control characters (U+0085"),
                Map.entry("{\"author\": \"" + "a".repeat(21) + "\"}", "author is longer than 20 characters"),
                Map.entry("{\"hidden\": true, \"hidden\": false}", "hidden"),
                Map.entry("{\"secret\": 1}", "unknown field(s) [secret]"),
                Map.entry("{\"notify\": {\"bcc\": []}}", "unknown field(s) [notify.bcc]; allowed in notify"),
                Map.entry("{\"attachments\": [{\"path\": \"/etc/passwd\"}]}", "unknown field(s) [attachments[0].path]"),
                Map.entry("{} {}", "not valid JSON"),
                Map.entry("[]", "must be a JSON object"),
                Map.entry("", "must be a JSON object"));
        refused.forEach((body, message) -> assertThatThrownBy(() -> JsonBody.parse(body, COMMENT)).as(body)
                .isInstanceOf(ApiException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((ApiException) e).status()).isEqualTo(400)));
    }
}
