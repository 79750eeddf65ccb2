package dev.mailtask.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/** Looking up tasks over the REST API, shared by the integration tests. */
final class ImapIntakeTestSupport {

    private ImapIntakeTestSupport() {
    }

    static Optional<Long> taskId(TestBundle bundle, String title) throws Exception {
        for (JsonNode t : bundle.json("/api/tasks?size=500").get("items")) {
            if (t.get("title").asText().equals(title)) {
                return Optional.of(t.get("id").asLong());
            }
        }
        return Optional.empty();
    }

    static List<String> titles(TestBundle bundle) throws Exception {
        return bundle.json("/api/tasks?size=500").get("items").findValuesAsText("title");
    }
}
