package dev.mailtask.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** The REST API of a running bundle (in the test's JVM or a JVM of its own), called as a client would. */
abstract class ApiClient {

    static final String TOKEN = "test-token-123";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int httpPort;
    private final HttpClient http = HttpClient.newHttpClient();

    ApiClient(int httpPort) {
        this.httpPort = httpPort;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    HttpResponse<byte[]> get(String path, String token) throws Exception {
        return http.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String path) throws Exception {
        return get(path, TOKEN);
    }

    /** A request with a JSON body (POST, PUT) or none (DELETE). */
    HttpResponse<byte[]> call(String method, String path, String json) throws Exception {
        return call(method, path, json, TOKEN);
    }

    /** A request with this bearer token (none if null). */
    HttpResponse<byte[]> call(String method, String path, String json, String token) throws Exception {
        HttpRequest request = request(path, token).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A request that must answer {@code status}; returns the JSON answer (null for an empty body). */
    JsonNode call(String method, String path, String json, int status) throws Exception {
        HttpResponse<byte[]> response = call(method, path, json);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() != status) {
            throw new AssertionError(method + " " + path + " answered " + response.statusCode() + ", not " + status
                    + ": " + body);
        }
        return body.isEmpty() ? null : JSON.readTree(body);
    }

    /** GET that must answer 200 with JSON. */
    JsonNode json(String path) throws Exception {
        HttpResponse<byte[]> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return JSON.readTree(response.body());
    }

    /** SHA-256 (hex) of what a GET of {@code path} downloads, read as a stream. */
    String downloadSha256(String path) throws Exception {
        HttpResponse<InputStream> response = http.send(request(path, TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + response.statusCode());
            }
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = body.read(buffer)) > 0; ) {
                sha256.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** Number of tasks the bundle holds. */
    long taskCount() throws Exception {
        return json("/api/tasks?size=1").get("total").asLong();
    }

    /** Titles of all tasks (at most 500), newest first. */
    List<String> titles() throws Exception {
        return json("/api/tasks?size=500").get("items").findValuesAsText("title");
    }

    Optional<Long> taskId(String title) throws Exception {
        for (JsonNode t : json("/api/tasks?size=500").get("items")) {
            if (t.get("title").asText().equals(title)) {
                return Optional.of(t.get("id").asLong());
            }
        }
        return Optional.empty();
    }

    /** Waits for a task with this title and returns it as the API shows it. */
    JsonNode awaitTask(String title) throws Exception {
        long id = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> taskId(title), Optional::isPresent).orElseThrow();
        return json("/api/tasks/" + id);
    }
}
