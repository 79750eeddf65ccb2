package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST API probed as a hostile agent or stranger would, against the running bundle: one table of named
 * cases, each asserting the refusal (a 4xx with a JSON message, and nothing in the database changed: no
 * address moved, no comment, no mail queued) or the bound (the headers a download must carry). Prints
 * {@code rest abuse: N cases, 0 accepted}.
 */
class RestAbuseTest extends SharedImapBundle {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN = TestBundle.TOKEN;
    private static final String CAROL = "carol@client.example";
    private static final String DAVE = "dave@client.example";
    private static final String FORM = "application/x-www-form-urlencoded";

    private static String agent;
    private static long carol;
    private static long dave;
    private static long alice;
    private static long carolsTask;
    private static long davesTask;
    private static long carolsMail;
    private static long poisonedMail;

    /** What a case found: null when the refusal or the bound held, else what was accepted. */
    @FunctionalInterface
    private interface Probe {
        String accepted() throws Exception;
    }

    private record Case(String name, Probe probe) {
    }

    @FunctionalInterface
    private interface Request {
        HttpResponse<byte[]> send() throws Exception;
    }

    @BeforeAll
    static void start() throws Exception {
        startShared(Map.of());
        mail.send(withActiveAttachments(), "support@test.mailtask");
        mail.send(Mails.simple("abuse-dave@client.example", "Dave <" + DAVE + ">", "support@test.mailtask", null,
                "Abuse: Dave's invoice", "Please check."), "support@test.mailtask");
        JsonNode carolsTaskJson = bundle.awaitTask("Abuse: Carol's page");
        JsonNode davesTaskJson = bundle.awaitTask("Abuse: Dave's invoice");
        carolsTask = carolsTaskJson.get("id").asLong();
        davesTask = davesTaskJson.get("id").asLong();
        carol = carolsTaskJson.get("assigner").get("id").asLong();
        dave = davesTaskJson.get("assigner").get("id").asLong();
        carolsMail = bundle.record("abuse-carol@client.example").orElseThrow().id();
        alice = bundle.json("/api/employees").findParents("login").stream()
                .filter(e -> e.get("login").asText().equals("alice")).findFirst().orElseThrow().get("id").asLong();
        // What an agent may do: give Dave an address of his own.
        bundle.call("PUT", "/api/contacts/" + dave, "{\"additionalEmails\": [\"Dave.Home@home.example\"]}", 200);
        agent = bundle.call("POST", "/api/tokens", "{\"name\":\"abuse agent\",\"role\":\"agent\"}", 201)
                .get("token").asText();

        // A mail the database refuses (a constraint of the test's own): quarantined with the failure's text.
        bundle.database().run(s -> s.createNativeMutationQuery(
                "ALTER TABLE task ADD CONSTRAINT ck_abuse_poison CHECK (title <> 'Abuse: poison')").executeUpdate());
        mail.send(Mails.simple("abuse-poison@client.example", "Pat <pat@client.example>", "support@test.mailtask",
                null, "Abuse: poison", "x"), "support@test.mailtask");
        poisonedMail = bundle.awaitRecord("abuse-poison@client.example").get("id").asLong();
    }

    private static byte[] withActiveAttachments() {
        String html = "<html><body><script>fetch('/api/tokens')</script></body></html>";
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
        return ("From: Carol <" + CAROL + ">\r\nTo: support@test.mailtask\r\nSubject: Abuse: Carol's page\r\n"
                + "Message-ID: <abuse-carol@client.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
                + "--b\r\nContent-Type: text/html\r\nContent-Disposition: attachment; filename=\"page.html\"\r\n\r\n"
                + html + "\r\n"
                + "--b\r\nContent-Type: image/svg+xml\r\nContent-Disposition: attachment; filename=\"logo.svg\"\r\n\r\n"
                + svg + "\r\n--b--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyAbuseIsRefusedOrBounded() throws Exception {
        List<Case> cases = cases();
        List<String> accepted = new ArrayList<>();
        for (Case c : cases) {
            String what = c.probe().accepted();
            if (what != null) {
                accepted.add(c.name() + ": " + what);
            }
        }
        System.out.println("rest abuse: " + cases.size() + " cases, " + accepted.size() + " accepted");
        assertThat(accepted).as("accepted abuse").isEmpty();
        assertThat(cases.stream().map(Case::name).collect(Collectors.toSet())).as("case names").hasSize(cases.size());
    }

    private static List<Case> cases() throws Exception {
        List<Case> cases = new ArrayList<>();
        String contact = "/api/contacts/" + carol;
        String comment = "/api/tasks/" + davesTask + "/comments";

        // 7. Addresses: valid, never ours, never another person's.
        addresses(cases, "contact takes another contact's address", DAVE, 409);
        addresses(cases, "contact takes another contact's additional address", "DAVE.HOME@home.example", 409);
        addresses(cases, "contact takes an employee's address", "alice@staff.example", 409);
        addresses(cases, "contact takes our support address", "support@test.mailtask", 400);
        addresses(cases, "contact takes an employee's internal address", "alice@test.mailtask", 400);
        addresses(cases, "contact takes a task address", "task+1@test.mailtask", 400);
        addresses(cases, "contact takes a project address", "project+1@test.mailtask", 400);
        addresses(cases, "address with CR/LF", "carol2@client.example\r\nBcc: evil@attacker.example", 400);
        addresses(cases, "address with NUL", "carol2@client.example\u0000", 400);
        addresses(cases, "address with a display name", "Carol <carol2@client.example>", 400);
        addresses(cases, "address without a domain", "carol2", 400);
        addresses(cases, "address longer than an address can be", "c".repeat(64) + "@" + "d".repeat(250)
                + ".example", 400);
        cases.add(refused("employee created with a contact's address", () -> send("POST", "/api/employees", ADMIN,
                "{\"login\":\"eve\",\"name\":\"Eve\",\"email\":\"" + CAROL + "\"}"), CAROL, 409));
        cases.add(refused("employee created with our address", () -> send("POST", "/api/employees", ADMIN,
                "{\"login\":\"eve\",\"name\":\"Eve\",\"additionalEmails\":[\"support@test.mailtask\"]}"),
                "support@test.mailtask", 400));
        cases.add(refused("employee takes another employee's address", () -> send("PUT", "/api/employees/" + alice,
                ADMIN, "{\"email\":\"bob@staff.example\"}"), "bob@staff.example", 409));
        cases.add(refused("employee address with CR/LF", () -> send("PUT", "/api/employees/" + alice, ADMIN,
                "{\"email\":\"alice@staff.example\\r\\nBcc: evil@attacker.example\"}"), "control", 400));
        cases.add(new Case("a comment for Dave is mailed to Dave, not to Carol", () -> {
            List<String> before = outbox();
            HttpResponse<byte[]> posted = send("POST", comment, ADMIN,
                    "{\"author\":\"alice\",\"text\":\"For Dave.\",\"notify\":{\"contacts\":[\"" + DAVE + "\"]}}");
            List<String> after = outbox();
            List<String> added = after.subList(before.size(), after.size());
            return posted.statusCode() == 201 && added.equals(List.of(DAVE)) ? null
                    : "answered " + posted.statusCode() + ", queued to " + added;
        }));

        // 8. The token only from the Authorization header; no query or form value poses as a header.
        cases.add(refused("token in the query", () -> send("GET", "/api/tasks?Authorization="
                + encode("Bearer " + ADMIN), null, null), "header", 400, 401));
        cases.add(refused("token in the query, lower case", () -> send("GET", "/api/tasks?authorization="
                + encode("Bearer " + ADMIN), null, null), "header", 400, 401));
        cases.add(refused("token in a form field", () -> raw("POST", comment, null, FORM,
                "Authorization=" + encode("Bearer " + ADMIN) + "&author=alice&text=hi"), "", 401, 415));
        cases.add(refused("agent with an admin token in the query", () -> send("GET", "/api/employees?Authorization="
                + encode("Bearer " + ADMIN), agent, null), "", 400, 403));
        cases.add(refused("agent with an admin token in a form", () -> raw("POST", "/api/tokens", agent, FORM,
                "Authorization=" + encode("Bearer " + ADMIN) + "&name=mine&role=admin"), "", 403, 415));
        cases.add(refused("two Authorization headers", () -> send("GET", "/api/employees", null, null,
                "Authorization", "Bearer " + agent, "Authorization", "Bearer " + ADMIN), "", 400, 401, 403));
        cases.add(new Case("query id against the path's id", () -> {
            HttpResponse<byte[]> r = send("GET", "/api/tasks/" + carolsTask + "?id=" + davesTask, ADMIN, null);
            return r.statusCode() == 400 || r.statusCode() == 200 && id(r) == carolsTask ? null : answer(r);
        }));
        cases.add(new Case("header id against the path's id", () -> {
            HttpResponse<byte[]> r = send("GET", "/api/tasks/" + carolsTask, ADMIN, null, "id",
                    String.valueOf(davesTask));
            return r.statusCode() == 400 || r.statusCode() == 200 && id(r) == carolsTask ? null : answer(r);
        }));
        cases.add(refused("query id against the path's id on a write", () -> send("PUT", "/api/contacts/" + carol
                + "?id=" + dave, ADMIN, "{\"name\":\"Renamed\"}"), "id", 400));
        cases.add(refused("no token", () -> send("GET", "/api/tasks", null, null), "Authorization", 401));
        cases.add(refused("wrong token", () -> send("GET", "/api/tasks", "mt_" + "x".repeat(43), null), "invalid",
                401));
        cases.add(refused("spoofed CamelHttpPath header", () -> send("GET", "/api/employees", agent, null,
                "CamelHttpPath", "/api/tasks", "CamelHttpUri", "/api/tasks"), "ADMIN", 403));
        cases.add(refused("spoofed CamelHttpPath query parameter", () -> send("GET",
                "/api/employees?CamelHttpPath=/api/tasks", agent, null), "", 400, 403));
        cases.add(refused("spoofed CamelHttpMethod header", () -> send("POST", "/api/tokens", agent,
                "{\"name\":\"mine\",\"role\":\"admin\"}", "CamelHttpMethod", "GET"), "ADMIN", 403));
        cases.add(refused("spoofed response code without a token", () -> send("GET", "/api/tasks", null, null,
                "CamelHttpResponseCode", "200"), "Authorization", 401));
        cases.add(refused("dot segments to an admin path", () -> send("GET", "/api/tasks/../employees", agent, null),
                "ADMIN", 403));
        cases.add(refused("encoded dot segments to an admin path", () -> send("GET", "/api/tasks/%2E%2E/employees",
                agent, null), "ADMIN", 403));
        cases.add(refused("page size over the bound", () -> send("GET", "/api/tasks?size=100000", ADMIN, null),
                "size", 400));

        // Header injection into outgoing mail fields.
        cases.add(refused("attachment name with CR/LF", () -> send("POST", comment, ADMIN, "{\"author\":\"alice\","
                + "\"text\":\"x\",\"notify\":{\"contacts\":[\"" + DAVE + "\"]},\"attachments\":[{\"fileName\":"
                + "\"a.txt\\r\\nBcc: evil@attacker.example\",\"contentType\":\"text/plain\",\"base64\":\"aGk=\"}]}"),
                "attachments[0].fileName", 400));
        cases.add(refused("attachment type with CR/LF", () -> send("POST", comment, ADMIN, "{\"author\":\"alice\","
                + "\"text\":\"x\",\"notify\":{\"contacts\":[\"" + DAVE + "\"]},\"attachments\":[{\"fileName\":"
                + "\"a.txt\",\"contentType\":\"text/plain\\r\\nBcc: evil@attacker.example\",\"base64\":\"aGk=\"}]}"),
                "attachments[0].contentType", 400));
        cases.add(refused("contact name with CR/LF (the To: of its mail)", () -> send("PUT", contact, ADMIN,
                "{\"name\":\"Carol\\r\\nBcc: evil@attacker.example\"}"), "name", 400));
        cases.add(refused("employee name with CR/LF (the From: of a comment)", () -> send("PUT", "/api/employees/"
                + alice, ADMIN, "{\"name\":\"Alice\\r\\nBcc: evil@attacker.example\"}"), "name", 400));

        // 9. Downloads are downloads; every answer says nosniff.
        cases.add(new Case("HTML attachment is a sandboxed download", () -> download(attachment("page.html"))));
        cases.add(new Case("SVG attachment is a sandboxed download", () -> download(attachment("logo.svg"))));
        cases.add(new Case("raw mail is a sandboxed download", () -> download("/api/messages/" + carolsMail + "/raw")));
        cases.add(new Case("JSON answers say nosniff", () -> nosniff(send("GET", "/api/tasks", ADMIN, null))));
        cases.add(new Case("error answers say nosniff", () -> nosniff(send("GET", "/api/tasks", null, null))));

        // 9. Strict types in every body.
        cases.add(refused("hidden as \"yes\"", () -> send("POST", comment, ADMIN,
                "{\"author\":\"alice\",\"text\":\"x\",\"hidden\":\"yes\"}"), "hidden must be true or false", 400));
        cases.add(refused("hidden as 1", () -> send("POST", comment, ADMIN,
                "{\"author\":\"alice\",\"text\":\"x\",\"hidden\":1}"), "hidden", 400));
        cases.add(refused("hidden twice", () -> send("POST", comment, ADMIN,
                "{\"author\":\"alice\",\"text\":\"x\",\"hidden\":true,\"hidden\":false}"), "hidden", 400));
        cases.add(refused("notify.contacts as a string", () -> send("POST", comment, ADMIN, "{\"author\":\"alice\","
                + "\"text\":\"x\",\"notify\":{\"contacts\":\"" + DAVE + "\"}}"), "notify.contacts must be a list",
                400));
        cases.add(refused("notify.employees as a string", () -> send("POST", comment, ADMIN, "{\"author\":\"alice\","
                + "\"text\":\"x\",\"notify\":{\"employees\":\"bob\"}}"), "notify.employees", 400));
        cases.add(refused("notify with an unknown list", () -> send("POST", comment, ADMIN, "{\"author\":\"alice\","
                + "\"text\":\"x\",\"notify\":{\"bcc\":[\"evil@attacker.example\"]}}"), "notify.bcc", 400));
        cases.add(refused("attachments as an object", () -> send("POST", comment, ADMIN, "{\"author\":\"alice\","
                + "\"text\":\"x\",\"attachments\":{\"fileName\":\"a\"}}"), "attachments", 400));
        cases.add(refused("spammer as \"false\"", () -> send("PUT", contact, ADMIN, "{\"spammer\":\"false\"}"),
                "spammer", 400));
        cases.add(refused("additionalEmails as a string", () -> send("PUT", contact, ADMIN,
                "{\"additionalEmails\":\"carol2@client.example\"}"), "additionalEmails must be a list", 400));
        cases.add(refused("unknown field on a contact", () -> send("PUT", contact, ADMIN,
                "{\"email\":\"carol2@client.example\"}"), "unknown", 400));
        cases.add(refused("active as \"no\"", () -> send("PUT", "/api/employees/" + alice, ADMIN,
                "{\"active\":\"no\"}"), "active", 400));
        cases.add(refused("projectNumber as text", () -> send("POST", "/api/virtual-addresses", ADMIN,
                "{\"name\":\"abuse\",\"projectNumber\":\"1\"}"), "projectNumber", 400));
        cases.add(refused("project number as a fraction", () -> send("POST", "/api/projects", ADMIN,
                "{\"number\":8.5,\"name\":\"Abuse\"}"), "number", 400));
        cases.add(refused("NUL in a contact name", () -> send("PUT", contact, ADMIN, "{\"name\":\"Car\\u0000ol\"}"),
                "name", 400));
        cases.add(refused("C1 control in a contact name", () -> send("PUT", contact, ADMIN,
                "{\"name\":\"Car\\u0085ol\"}"), "name", 400));
        cases.add(refused("DEL in a contact name", () -> send("PUT", contact, ADMIN, "{\"name\":\"Car\\u007Fol\"}"),
                "name", 400));
        cases.add(refused("contact name too long", () -> send("PUT", contact, ADMIN,
                "{\"name\":\"" + "C".repeat(256) + "\"}"), "name", 400));
        cases.add(refused("NUL in an employee name", () -> send("PUT", "/api/employees/" + alice, ADMIN,
                "{\"name\":\"Al\\u0000ice\"}"), "name", 400));
        cases.add(refused("NUL in a project name", () -> send("POST", "/api/projects", ADMIN,
                "{\"number\":8,\"name\":\"Ab\\u0000use\"}"), "name", 400));
        cases.add(refused("NUL in a comment", () -> send("POST", comment, ADMIN,
                "{\"author\":\"alice\",\"text\":\"x\\u0000y\"}"), "text", 400));
        cases.add(new Case("a quarantined mail's error shows no SQL", () -> {
            JsonNode record = bundle.json("/api/messages/" + poisonedMail);
            String error = record.path("error").asText("");
            return record.get("status").asText().equals("QUARANTINED") && error.contains("SQL state")
                    && !error.toLowerCase(Locale.ROOT).matches("(?s).*(insert |select |update |ck_abuse|table).*")
                    ? null : record.get("status").asText() + ": " + error;
        }));
        return cases;
    }

    /** {@code PUT /api/contacts/{carol}} with this additional address: refused, naming it, nothing changed. */
    private static void addresses(List<Case> cases, String name, String address, int status) {
        String shown = address.strip().toLowerCase(Locale.ROOT).replace("\r", "\\u000d").replace("\n", "\\u000a")
                .replace("\u0000", "\\u0000");
        cases.add(refused(name, () -> send("PUT", "/api/contacts/" + carol, ADMIN,
                "{\"additionalEmails\": [" + JSON.writeValueAsString(address) + "]}"),
                shown.length() > 40 ? shown.substring(0, 20) : shown, status));
    }

    /** A case whose request must answer one of {@code statuses} with a JSON message mentioning something. */
    private static Case refused(String name, Request request, String mentions, int... statuses) {
        return new Case(name, () -> {
            String before = state();
            HttpResponse<byte[]> r = request.send();
            String after = state();
            String body = new String(r.body(), StandardCharsets.UTF_8);
            if (IntStream.of(statuses).noneMatch(s -> s == r.statusCode())) {
                return answer(r);
            }
            JsonNode error;
            try {
                error = JSON.readTree(body);
            } catch (java.io.IOException e) {
                error = null;
            }
            if (error == null || !error.path("error").isTextual()
                    || !error.get("error").asText().toLowerCase(Locale.ROOT).contains(mentions.toLowerCase(Locale.ROOT))) {
                return "no message mentioning '" + mentions + "': " + body;
            }
            return before.equals(after) ? null : "refused with " + r.statusCode() + " but changed:\n" + after;
        });
    }

    private static String download(String path) throws Exception {
        HttpResponse<byte[]> r = send("GET", path, ADMIN, null);
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        String disposition = r.headers().firstValue("Content-Disposition").orElse("");
        boolean held = r.statusCode() == 200 && nosniff(r) == null && csp.contains("default-src 'none'")
                && csp.contains("sandbox") && disposition.startsWith("attachment");
        return held ? null : r.statusCode() + " " + r.headers().map();
    }

    private static String nosniff(HttpResponse<byte[]> r) {
        return r.headers().allValues("X-Content-Type-Options").equals(List.of("nosniff")) ? null
                : "no nosniff on " + r.statusCode() + " " + r.headers().map();
    }

    private static String attachment(String fileName) throws Exception {
        return bundle.json("/api/tasks/" + carolsTask).get("attachments").findParents("fileName").stream()
                .filter(a -> a.get("fileName").asText().equals(fileName)).findFirst().orElseThrow().get("href")
                .asText();
    }

    private static long id(HttpResponse<byte[]> r) throws Exception {
        return JSON.readTree(r.body()).path("id").asLong();
    }

    private static String answer(HttpResponse<byte[]> r) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        return "answered " + r.statusCode() + ": " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static HttpResponse<byte[]> send(String method, String path, String token, String json,
            String... headers) throws Exception {
        return raw(method, path, token, json == null ? null : "application/json", json, headers);
    }

    /** A request as a client writes it: the path as given (dot segments, escapes), these headers. */
    private static HttpResponse<byte[]> raw(String method, String path, String token, String contentType,
            String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bundle.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Recipients of every mail ever queued, oldest first. */
    private static List<String> outbox() {
        return bundle.database().inTransaction(s -> s.createNativeQuery("select recipient from outbox order by id",
                String.class).getResultList());
    }

    /** Everything a refused request could have changed: people and their addresses, directory, comments, mail. */
    private static String state() {
        return bundle.database().inTransaction(s -> {
            StringBuilder out = new StringBuilder();
            for (String sql : List.of(
                    "select email, contact_id, employee_id from person_address order by email",
                    "select id, name, email, spammer from contact order by id",
                    "select id, login, name, email, active from employee order by id",
                    "select number, name, account_id from project order by number",
                    "select name, description, project_id from virtual_address order by name",
                    "select id, task_id, body, hidden from task_comment order by id",
                    "select id, recipient from outbox order by id",
                    "select id, status from task order by id",
                    "select id, name, role, revoked_at from api_token order by id")) {
                for (Object[] row : s.createNativeQuery(sql, Object[].class).getResultList()) {
                    out.append(Arrays.toString(row)).append('\n');
                }
            }
            return out.toString();
        });
    }
}
