package dev.mailtask.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The role table: what an agent may do, and that an unknown or odd request needs an admin. */
class AccessTableTest {

    @Test
    void agentsWorkOnTasksContactsMessagesAndTheOutbox() {
        assertThat(AccessTable.required("GET", "/api/tasks")).isEqualTo(Role.AGENT);
        assertThat(AccessTable.required("GET", "/api/tasks/12")).isEqualTo(Role.AGENT);
        assertThat(AccessTable.required("GET", "/api/tasks/12/attachments/1")).isEqualTo(Role.AGENT);
        assertThat(AccessTable.required("PUT", "/api/tasks/12")).isEqualTo(Role.AGENT);
        assertThat(AccessTable.required("POST", "/api/tasks/12/comments")).isEqualTo(Role.AGENT);
        assertThat(AccessTable.required("put", "/api/contacts/3")).isEqualTo(Role.AGENT);
        assertThat(AccessTable.required("GET", "/api/messages/5/raw")).isEqualTo(Role.AGENT);
        assertThat(AccessTable.required("GET", "/api/outbox")).isEqualTo(Role.AGENT);
        assertThat(AccessTable.required("GET", "/api/tasks/")).as("served like /api/tasks").isEqualTo(Role.AGENT);
    }

    @Test
    void configurationTokensAndReprocessingAreForAdmins() {
        for (String[] call : new String[][] {{"GET", "/api/employees"}, {"PUT", "/api/employees/1"},
                {"DELETE", "/api/projects/1"}, {"POST", "/api/virtual-addresses"}, {"GET", "/api/rules"},
                {"PUT", "/api/rules/support"}, {"POST", "/api/rules/dry-run"}, {"GET", "/api/tokens"},
                {"POST", "/api/tokens"}, {"DELETE", "/api/tokens/4"}, {"POST", "/api/messages/9/reprocess"}}) {
            assertThat(AccessTable.required(call[0], call[1])).as(call[0] + " " + call[1]).isEqualTo(Role.ADMIN);
        }
    }

    @Test
    void whatTheTableDoesNotNameNeedsAnAdmin() {
        assertThat(AccessTable.find("DELETE", "/api/tasks/1")).isEmpty();
        assertThat(AccessTable.required("DELETE", "/api/tasks/1")).isEqualTo(Role.ADMIN);
        assertThat(AccessTable.required("HEAD", "/api/tasks")).isEqualTo(Role.ADMIN);
        assertThat(AccessTable.required("GET", "/api/tasks/1/extra")).isEqualTo(Role.ADMIN);
        assertThat(AccessTable.required("GET", "/api/tasks//attachments/1")).isEqualTo(Role.ADMIN);
        assertThat(AccessTable.required("GET", "/api/tasks/..")).isEqualTo(Role.ADMIN);
        assertThat(AccessTable.required("GET", "/api/tasks/%2E%2E")).isEqualTo(Role.ADMIN);
        assertThat(AccessTable.required("GET", "/tasks")).as("the path includes /api").isEqualTo(Role.ADMIN);
        assertThat(AccessTable.required("GET", "/API/tasks")).isEqualTo(Role.ADMIN);
        assertThat(AccessTable.required(null, null)).isEqualTo(Role.ADMIN);
        assertThat(Role.ADMIN.allows(Role.AGENT)).isTrue();
        assertThat(Role.AGENT.allows(Role.ADMIN)).isFalse();
    }

    /** Every verb of routes/api.camel.yaml has an entry of its own, and the table names nothing else. */
    @Test
    void theTableNamesEveryRestCallOfTheRoutesFile() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("routes/api.camel.yaml"));
        Pattern verb = Pattern.compile("^    (get|post|put|delete|patch|head):\\s*$");
        Pattern path = Pattern.compile("^      - path: (\\S+)\\s*$");
        TreeSet<String> inRoutes = new TreeSet<>();
        String current = null;
        for (String line : lines) {
            Matcher v = verb.matcher(line);
            Matcher p = path.matcher(line);
            if (v.matches()) {
                current = v.group(1).toUpperCase();
            } else if (p.matches() && current != null) {
                inRoutes.add(current + " /api" + p.group(1));
            } else if (line.startsWith("- ")) {
                current = null;
            }
        }
        TreeSet<String> inTable = new TreeSet<>();
        List<String> duplicates = new ArrayList<>();
        AccessTable.entries().forEach(e -> {
            if (!inTable.add(e.method() + " " + e.path())) {
                duplicates.add(e.method() + " " + e.path());
            }
        });
        assertThat(inRoutes).hasSizeGreaterThan(30).isEqualTo(inTable);
        assertThat(duplicates).isEmpty();
    }
}
