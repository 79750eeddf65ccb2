package dev.mailtask.access;

import java.util.List;
import java.util.Optional;

/**
 * Which role each REST call needs: the one place that says so. An agent works on tasks, their comments and
 * contacts and reads the mail and outbox behind them; everything that configures the installation (employees,
 * projects, virtual addresses, rules and their dry-run, tokens) or re-runs intake is for admins. A call not in
 * the table needs an admin: nothing is open by omission.
 */
public final class AccessTable {

    /** One REST call: method, path template as in {@code routes/api.camel.yaml} (with {@code /api}), role. */
    public record Entry(String method, String path, Role role) {
    }

    private static final List<Entry> ENTRIES = List.of(
            agent("GET", "/api/tasks"),
            agent("GET", "/api/tasks/{id}"),
            agent("GET", "/api/tasks/{id}/attachments/{n}"),
            agent("PUT", "/api/tasks/{id}"),
            agent("POST", "/api/tasks/{id}/comments"),
            // letting a stranger's held mail into a task is an employee's call
            agent("POST", "/api/tasks/{id}/comments/{commentId}/admit"),
            agent("POST", "/api/tasks/{id}/spam"),
            agent("GET", "/api/contacts"),
            agent("PUT", "/api/contacts/{id}"),
            agent("GET", "/api/messages/{id}"),
            agent("GET", "/api/messages/{id}/raw"),
            agent("GET", "/api/outbox"),
            // Taking back a comment's mail before it goes is part of writing comments.
            agent("POST", "/api/outbox/{id}/cancel"),
            agent("POST", "/api/tasks/{id}/comments/{commentId}/cancel-mail"),
            // Re-running intake can create tasks and send notices: an operator's repair, not daily work.
            admin("POST", "/api/messages/{id}/reprocess"),
            admin("GET", "/api/employees"),
            admin("POST", "/api/employees"),
            admin("PUT", "/api/employees/{id}"),
            admin("GET", "/api/projects"),
            admin("POST", "/api/projects"),
            admin("PUT", "/api/projects/{id}"),
            admin("DELETE", "/api/projects/{id}"),
            admin("GET", "/api/virtual-addresses"),
            admin("POST", "/api/virtual-addresses"),
            admin("PUT", "/api/virtual-addresses/{id}"),
            admin("DELETE", "/api/virtual-addresses/{id}"),
            admin("GET", "/api/rules"),
            admin("GET", "/api/rules/{address}"),
            admin("PUT", "/api/rules/{address}"),
            admin("DELETE", "/api/rules/{address}"),
            // Read-only, but it is how rules are written and tested: part of the rules work.
            admin("POST", "/api/rules/dry-run"),
            admin("GET", "/api/tokens"),
            admin("POST", "/api/tokens"),
            admin("DELETE", "/api/tokens/{id}"));

    private AccessTable() {
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }

    /**
     * The role a request needs. {@code path} is the request's path as the HTTP server routed it
     * ({@code CamelHttpPath}: normalised, dot segments removed, no query).
     */
    public static Role required(String method, String path) {
        return find(method, path).map(Entry::role).orElse(Role.ADMIN);
    }

    /** The table's entry for a request, if any. */
    public static Optional<Entry> find(String method, String path) {
        if (method == null || path == null) {
            return Optional.empty();
        }
        String[] given = segments(path);
        for (Entry entry : ENTRIES) {
            if (entry.method().equalsIgnoreCase(method) && matches(segments(entry.path()), given)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    private static String[] segments(String path) {
        // The server routes "/api/tasks/" like "/api/tasks".
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return p.split("/", -1);
    }

    private static boolean matches(String[] template, String[] given) {
        if (template.length != given.length) {
            return false;
        }
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            String g = given[i];
            boolean parameter = t.startsWith("{") && t.endsWith("}");
            // A parameter is one plain segment; anything the server might still reinterpret does not match.
            if (parameter ? g.isEmpty() || g.equals(".") || g.equals("..") || g.contains("%") : !t.equals(g)) {
                return false;
            }
        }
        return true;
    }

    private static Entry agent(String method, String path) {
        return new Entry(method, path, Role.AGENT);
    }

    private static Entry admin(String method, String path) {
        return new Entry(method, path, Role.ADMIN);
    }
}
