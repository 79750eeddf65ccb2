package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailtask.access.AccessTable;
import dev.mailtask.access.Role;
import dev.mailtask.store.Sha256;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API tokens and roles against the real bundle: who may call what, revocation, storage, restarts. */
class ApiAccessTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Map<String, String> settings() throws Exception {
        return TestBundle.settings(dir, "jdbc:hsqldb:file:" + dir.resolve("db/mailtask"), "accounts: []\n");
    }

    @Test
    void agentWorksOnTasksIsRefusedAdminCallsAndIsLockedOutOnceRevoked() throws Exception {
        try (TestBundle bundle = TestBundle.start(settings())) {
            JsonNode created = bundle.call("POST", "/api/tokens", "{\"name\":\"desk agent\",\"role\":\"agent\"}", 201);
            String agent = created.get("token").asText();
            assertThat(agent).startsWith("mt_").hasSize(46);
            assertThat(created.get("role").asText()).isEqualTo("AGENT");
            assertThat(created.get("createdBy").asText()).isEqualTo("bootstrap");
            assertThat(agent).startsWith(created.get("prefix").asText());

            assertThat(bundle.get("/api/tasks", agent).statusCode()).isEqualTo(200);
            assertThat(bundle.get("/api/contacts", agent).statusCode()).isEqualTo(200);
            assertThat(bundle.get("/api/outbox", agent).statusCode()).isEqualTo(200);
            HttpResponse<byte[]> employees = bundle.get("/api/employees", agent);
            assertThat(employees.statusCode()).isEqualTo(403);
            JsonNode error = JSON.readTree(employees.body());
            assertThat(error.get("status").asInt()).isEqualTo(403);
            assertThat(error.get("error").asText()).contains("ADMIN").contains("desk agent");
            assertThat(bundle.get("/api/tokens", agent).statusCode()).isEqualTo(403);
            assertThat(bundle.call("POST", "/api/tokens", "{\"name\":\"mine\",\"role\":\"admin\"}", agent).statusCode())
                    .as("an agent cannot make itself an admin").isEqualTo(403);

            // Stored: the hash, not the token; the list shows neither.
            List<Object[]> rows = bundle.database().inTransaction(s -> s.createNativeQuery(
                    "select token_hash, prefix, role, name, created_by, last_used_at from api_token", Object[].class)
                    .getResultList());
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)[0]).isEqualTo(Sha256.hex(agent.getBytes(StandardCharsets.UTF_8)));
            assertThat(rows.get(0)[1]).isEqualTo(created.get("prefix").asText());
            assertThat(rows.get(0)[2]).isEqualTo("AGENT");
            assertThat(rows.get(0)[5]).as("last use recorded").isNotNull();
            for (Object column : rows.get(0)) {
                assertThat(String.valueOf(column)).doesNotContain(agent.substring(10));
            }
            JsonNode list = bundle.json("/api/tokens");
            assertThat(list).hasSize(1);
            assertThat(list.get(0).get("lastUsedAt").isNull()).isFalse();
            assertThat(list.get(0).get("revokedAt").isNull()).isTrue();
            assertThat(list.get(0).get("createdAt")).isEqualTo(created.get("createdAt"));
            assertThat(list.toString()).doesNotContain(agent.substring(10)).doesNotContain((String) rows.get(0)[0])
                    .doesNotContain("\"token\"");

            bundle.call("DELETE", "/api/tokens/" + created.get("id").asLong(), null, 204);
            HttpResponse<byte[]> revoked = bundle.get("/api/tasks", agent);
            assertThat(revoked.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(revoked.body()).get("error").asText()).contains("revoked");
            assertThat(bundle.json("/api/tokens").get(0).get("revokedAt").isNull()).isFalse();
            bundle.call("DELETE", "/api/tokens/" + created.get("id").asLong(), null, 204);
            assertThat(bundle.get("/api/tasks", TestBundle.TOKEN).statusCode()).as("bootstrap admin").isEqualTo(200);
        }
    }

    @Test
    void anAdminTokenCanManageTokensAndIsNamedAsTheirCreator() throws Exception {
        try (TestBundle bundle = TestBundle.start(settings())) {
            String admin = bundle.call("POST", "/api/tokens", "{\"name\":\"ops\",\"role\":\"ADMIN\"}", 201)
                    .get("token").asText();
            HttpResponse<byte[]> made = bundle.call("POST", "/api/tokens", "{\"name\":\"ci\",\"role\":\"agent\"}",
                    admin);
            assertThat(made.statusCode()).isEqualTo(201);
            assertThat(JSON.readTree(made.body()).get("createdBy").asText()).isEqualTo("ops");
            assertThat(bundle.get("/api/employees", admin).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void badTokenRequestsGetAClearFourHundred() throws Exception {
        try (TestBundle bundle = TestBundle.start(settings())) {
            assertError(bundle, "{\"name\":\"x\",\"role\":\"root\"}", 400, "role");
            assertError(bundle, "{\"name\":\"x\"}", 400, "role");
            assertError(bundle, "{\"name\":\"  \",\"role\":\"agent\"}", 400, "name");
            assertError(bundle, "{\"name\":\"<script>\",\"role\":\"agent\"}", 400, "name");
            assertError(bundle, "{\"name\":\"" + "a".repeat(101) + "\",\"role\":\"agent\"}", 400, "name");
            assertError(bundle, "{\"name\":\"Bootstrap\",\"role\":\"agent\"}", 400, "bootstrap");
            assertError(bundle, "{\"name\":\"x\",\"role\":\"agent\",\"token\":\"mine\"}", 400, "unknown");
            assertError(bundle, "not json", 400, "JSON");
            assertError(bundle, "[]", 400, "object");

            long first = bundle.call("POST", "/api/tokens", "{\"name\":\"ci\",\"role\":\"agent\"}", 201).get("id")
                    .asLong();
            assertError(bundle, "{\"name\":\"ci\",\"role\":\"admin\"}", 409, "ci");
            bundle.call("DELETE", "/api/tokens/" + first, null, 204);
            bundle.call("POST", "/api/tokens", "{\"name\":\"ci\",\"role\":\"agent\"}", 201);
            assertThat(bundle.call("DELETE", "/api/tokens/abc", null).statusCode()).isEqualTo(400);
            assertThat(bundle.call("DELETE", "/api/tokens/999", null).statusCode()).isEqualTo(404);
            assertThat(bundle.get("/api/tasks", "mt_" + "A".repeat(43)).statusCode()).isEqualTo(401);
            assertThat(bundle.get("/api/tasks", "x".repeat(5000)).statusCode()).isEqualTo(401);
        }
    }

    private static void assertError(TestBundle bundle, String body, int status, String mentions) throws Exception {
        HttpResponse<byte[]> response = bundle.call("POST", "/api/tokens", body);
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(response.statusCode()).as(body + " → " + text).isEqualTo(status);
        JsonNode error = JSON.readTree(text);
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("error").asText()).containsIgnoringCase(mentions);
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void tokensSurviveARestart() throws Exception {
        String agent;
        String gone;
        try (TestBundle bundle = TestBundle.start(settings())) {
            agent = bundle.call("POST", "/api/tokens", "{\"name\":\"ci\",\"role\":\"agent\"}", 201).get("token")
                    .asText();
            JsonNode old = bundle.call("POST", "/api/tokens", "{\"name\":\"old\",\"role\":\"admin\"}", 201);
            gone = old.get("token").asText();
            bundle.call("DELETE", "/api/tokens/" + old.get("id").asLong(), null, 204);
        }
        try (TestBundle bundle = TestBundle.start(settings())) {
            assertThat(bundle.get("/api/tasks", agent).statusCode()).isEqualTo(200);
            assertThat(bundle.get("/api/employees", agent).statusCode()).isEqualTo(403);
            assertThat(bundle.get("/api/tasks", gone).statusCode()).isEqualTo(401);
            assertThat(bundle.json("/api/tokens").findValuesAsText("name")).containsExactly("ci", "old");
        }
    }

    /**
     * Every REST endpoint the bundle serves is in the role table, and a request without a token, with an agent
     * token and with the admin token gets what the table says: nothing is open by omission.
     */
    @Test
    void everyEndpointIsGuardedAsTheTableSays() throws Exception {
        try (TestBundle bundle = TestBundle.start(settings())) {
            String agent = bundle.call("POST", "/api/tokens", "{\"name\":\"agent\",\"role\":\"agent\"}", 201)
                    .get("token").asText();
            Set<String> served = new TreeSet<>();
            for (Route route : bundle.camel().getRoutes()) {
                // What the HTTP server serves: the consumer's endpoint (the route's own is the rest: endpoint).
                if (route.getConsumer().getEndpoint() instanceof PlatformHttpEndpoint http) {
                    served.add(http.getHttpMethodRestrict() + " " + http.getPath());
                }
            }
            Set<String> table = new TreeSet<>();
            AccessTable.entries().forEach(e -> table.add(e.method() + " " + e.path()));
            assertThat(served).hasSizeGreaterThan(30).isEqualTo(table);

            List<String> wrong = new ArrayList<>();
            for (AccessTable.Entry entry : AccessTable.entries()) {
                // Ids nobody has: no call changes anything, every call still passes the guard first.
                String path = entry.path().replaceAll("\\{address}", "nobody").replaceAll("\\{[a-zA-Z]+}", "999999");
                String body = entry.method().equals("GET") || entry.method().equals("DELETE") ? null : "{}";
                int none = bundle.call(entry.method(), path, body, null).statusCode();
                int asAgent = bundle.call(entry.method(), path, body, agent).statusCode();
                int asAdmin = bundle.call(entry.method(), path, body, TestBundle.TOKEN).statusCode();
                boolean agentMay = entry.role() == Role.AGENT;
                if (none != 401 || (agentMay ? asAgent == 401 || asAgent == 403 || asAgent >= 500 : asAgent != 403)
                        || asAdmin == 401 || asAdmin == 403 || asAdmin >= 500) {
                    wrong.add(entry + ": none " + none + ", agent " + asAgent + ", admin " + asAdmin);
                }
            }
            assertThat(wrong).isEmpty();
        }
    }

    /** The role is decided on the path the HTTP server routed, not on anything the client can dress up. */
    @Test
    void theCheckedPathIsTheRoutedOne() throws Exception {
        try (TestBundle bundle = TestBundle.start(settings())) {
            String agent = bundle.call("POST", "/api/tokens", "{\"name\":\"agent\",\"role\":\"agent\"}", 201)
                    .get("token").asText();
            assertThat(bundle.get("/api/tasks/", agent).statusCode()).isEqualTo(200);
            assertThat(raw(bundle, "GET", "/api/tasks/../employees", TestBundle.TOKEN, Map.of()))
                    .as("the server resolves dot segments before routing").isEqualTo(200);
            assertThat(raw(bundle, "GET", "/api/tasks/../employees", agent, Map.of())).isEqualTo(403);
            assertThat(raw(bundle, "GET", "/api/tasks/%2E%2E/employees", agent, Map.of())).isEqualTo(403);
            assertThat(raw(bundle, "GET", "/api//employees", agent, Map.of())).isIn(403, 404);
            assertThat(raw(bundle, "GET", "/api/employees", agent,
                    Map.of("CamelHttpPath", "/api/tasks", "CamelHttpUri", "/api/tasks"))).isEqualTo(403);
            assertThat(raw(bundle, "GET", "/api/employees?x=/api/tasks", agent, Map.of())).isEqualTo(403);
        }
    }

    private static int raw(TestBundle bundle, String method, String path, String token, Map<String, String> headers)
            throws Exception {
        // URI.create keeps dot segments and escapes as written; the server normalises.
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bundle.baseUrl() + path))
                .header("Authorization", "Bearer " + token).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
