package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Queued mail cancelled over REST by an agent is never sent, while the mail queued after it is; mail already
 * sent cannot be cancelled. Real bundle and mail server; the outbox route is held while the mail is queued so
 * that it is still queued when cancelled.
 */
class OutboxCancelTest extends SharedImapBundle {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        startShared(Map.of("mailtask.outbox.period", "200"));
    }

    @Test
    void cancelledMailIsNeverSentAndTheMailAfterItIs() throws Exception {
        String agent = bundle.call("POST", "/api/tokens", "{\"name\":\"desk agent\",\"role\":\"agent\"}", 201)
                .get("token").asText();
        long pia = taskFrom("Pia <pia@client.example>", "Leaking tap");
        long quinn = taskFrom("Quinn <quinn@client.example>", "Broken window");

        bundle.camel().getRouteController().suspendRoute("outbox");
        long whole = comment(pia, "{\"contacts\": [\"pia@client.example\"], \"employees\": [\"bob\"]}");
        long single = comment(pia, "{\"contacts\": [\"pia@client.example\"]}");
        long singleMail = outboxIdsOf(single).get(0);

        JsonNode one = answer(call("POST", "/api/outbox/" + singleMail + "/cancel", agent), 200);
        assertThat(one.get("id").asLong()).isEqualTo(singleMail);
        assertThat(one.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(call("POST", "/api/outbox/" + singleMail + "/cancel", agent).statusCode())
                .as("cancelling twice changes nothing").isEqualTo(200);
        JsonNode all = answer(call("POST", "/api/tasks/" + pia + "/comments/" + whole + "/cancel-mail", agent), 200);
        assertThat(all.get("commentId").asLong()).isEqualTo(whole);
        assertThat(ids(all.get("cancelled"))).as("the mail to Pia and the notice to Bob")
                .containsExactlyInAnyOrderElementsOf(outboxIdsOf(whole)).hasSize(2);
        assertThat(all.get("beingSent")).isEmpty();

        long after = comment(quinn, "{\"contacts\": [\"quinn@client.example\"]}");
        bundle.camel().getRouteController().resumeRoute("outbox");

        // Mail goes oldest first: once the later comment's mail is in, the cancelled ones had their turn.
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.inboxOf("quinn@client.example").size() == 1);
        assertThat(mail.inboxOf("pia@client.example")).as("cancelled mail is never sent").isEmpty();
        assertThat(mail.inboxOf("bob@staff.example")).as("nor the cancelled notice").isEmpty();
        JsonNode cancelled = bundle.json("/api/outbox?status=CANCELLED");
        assertThat(cancelled.get("total").asLong()).isEqualTo(3);
        assertThat(cancelled.get("items").get(0).get("lastError").asText()).startsWith("cancelled by desk agent at ");
        assertThat(bundle.json("/api/tasks/" + pia).get("comments").findValuesAsText("status"))
                .containsOnly("CANCELLED");

        long sentMail = outboxIdsOf(after).get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> bundle.json("/api/tasks/" + quinn).get("comments").get(0)
                .get("deliveries").get(0).get("status").asText().equals("SENT"));
        HttpResponse<byte[]> tooLate = call("POST", "/api/outbox/" + sentMail + "/cancel", agent);
        assertThat(tooLate.statusCode()).isEqualTo(409);
        assertThat(answer(tooLate, 409).get("error").asText())
                .isEqualTo("outbox " + sentMail + " is SENT; only queued mail can be cancelled");
        assertThat(answer(call("POST", "/api/tasks/" + quinn + "/comments/" + after + "/cancel-mail", agent), 200)
                .get("cancelled"))
                .as("nothing left to cancel").isEmpty();
        assertThat(mail.inboxOf("quinn@client.example")).hasSize(1);
    }

    @Test
    void unknownMailOrCommentIsNotFoundAndABadIdIsABadRequest() throws Exception {
        assertThat(answer(call("POST", "/api/outbox/987654321/cancel", ApiClient.TOKEN), 404).get("error").asText())
                .isEqualTo("no outbox mail 987654321");
        assertThat(answer(call("POST", "/api/tasks/1/comments/987654321/cancel-mail", ApiClient.TOKEN), 404)
                .get("error").asText()).isEqualTo("task 1 has no comment 987654321");
        assertThat(call("POST", "/api/outbox/x1/cancel", ApiClient.TOKEN).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/outbox/1/cancel", null).statusCode()).isEqualTo(401);
    }

    private static long taskFrom(String from, String subject) throws Exception {
        String local = from.substring(from.indexOf('<') + 1, from.indexOf('@'));
        mail.send(Mails.simple("cancel-" + local + "@client.example", from, "support@test.mailtask", null, subject,
                "Please help."), "support@test.mailtask");
        return bundle.awaitTask(subject).get("id").asLong();
    }

    private static long comment(long taskId, String notify) throws Exception {
        return bundle.call("POST", "/api/tasks/" + taskId + "/comments", "{\"author\": \"alice\", \"text\": \"On it.\","
                + " \"notify\": " + notify + "}", 201).get("commentId").asLong();
    }

    private static HttpResponse<byte[]> call(String method, String path, String token) throws Exception {
        return bundle.call(method, path, null, token);
    }

    private static JsonNode answer(HttpResponse<byte[]> response, int status) throws Exception {
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body).isEqualTo(status);
        return JSON.readTree(body);
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> ids = new java.util.ArrayList<>();
        list.forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    private static List<Long> outboxIdsOf(long commentId) {
        return bundle.database().inTransaction(s -> s.createSelectionQuery(
                "select o.id from OutboxMail o where o.commentId = :c order by o.id", Long.class)
                .setParameter("c", commentId).getResultList());
    }
}
