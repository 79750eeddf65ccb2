package dev.mailtask.rules;

import static dev.mailtask.rules.MailBuilder.mail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailtask.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleFileTest {

    /** The demo directory: employees alice and bob, project 1. */
    static final RuleReferences DEMO = RuleReferences.of(Set.of(1), Set.of("alice", "bob"));

    private static RuleSet parse(String yaml) {
        return RuleFile.parse("rules/support.yaml", yaml, DEMO);
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("unknown top-level key", """
                        address: support
                        rule: []
                        """, 2, "unknown key 'rule'; allowed: address, description, adminRules, rules, default"),
                Arguments.of("missing address", """
                        rules: []
                        """, 1, "missing required key 'address'"),
                Arguments.of("address with a domain", """
                        address: support@demo.mailtask
                        """, 1, "address 'support@demo.mailtask' must be the part before '@' of one of our addresses:"
                        + " a virtual address (support), a login (alice) or project+<number>"),
                Arguments.of("project address of a missing project", """
                        address: project+9
                        """, 1, "no project number 9"),
                Arguments.of("unknown rule key", """
                        address: support
                        rules:
                          - name: A
                            conditions: any mail
                            actions: ignore
                        """, 5, "unknown key 'actions'; allowed: name, conditions, when, extract, action, set, onlyThisRule"),
                Arguments.of("unknown condition key", """
                        address: support
                        rules:
                          - name: A
                            conditions:
                              - {field: subject, op: contains, value: x, ignoreCase: true}
                            action: ignore
                        """, 5, "unknown key 'ignoreCase'; allowed: field, header, op, value, caseSensitive"),
                Arguments.of("unknown field", """
                        address: support
                        rules:
                          - name: A
                            conditions:
                              - {field: sender, op: contains, value: x}
                            action: ignore
                        """, 5, "unknown field 'sender'; fields: from, from name, to, cc, any recipient, subject, body,"
                        + " has attachment, attachment name, any mail; for a header write 'header: <name>'"),
                Arguments.of("unknown operator", """
                        address: support
                        rules:
                          - name: A
                            conditions:
                              - {field: subject, op: like, value: x}
                            action: ignore
                        """, 5, "unknown op 'like'; ops: contains, not contains, equals, starts with, ends with, regex"),
                Arguments.of("missing value", """
                        address: support
                        rules:
                          - name: A
                            conditions:
                              - {field: subject, op: contains}
                            action: ignore
                        """, 5, "missing required key 'value'"),
                Arguments.of("has attachment with a value", """
                        address: support
                        rules:
                          - name: A
                            conditions:
                              - {field: subject, op: contains, value: x}
                              - field: has attachment
                                value: no
                            action: ignore
                        """, 7, "'has attachment' takes no 'value' (for mail without attachments write 'not 2' in"
                        + " 'when')"),
                Arguments.of("field and header", """
                        address: support
                        rules:
                          - name: A
                            conditions:
                              - {field: subject, header: X-A, op: contains, value: x}
                            action: ignore
                        """, 5, "condition 1 needs either 'field' (from, from name, to, cc, any recipient, subject, body,"
                        + " has attachment, attachment name, any mail) or 'header' (a header name)"),
                Arguments.of("bad header name", """
                        address: support
                        rules:
                          - name: A
                            conditions:
                              - {header: "X A:", op: contains, value: x}
                            action: ignore
                        """, 5, "'X A:' is not a header name"),
                Arguments.of("bad regex in a condition", """
                        address: support
                        rules:
                          - name: A
                            conditions:
                              - field: subject
                                op: regex
                                value: "inv(oice"
                            action: ignore
                        """, 7, "bad regex 'inv(oice': Unclosed group at the end"),
                Arguments.of("bad regex in an extraction", """
                        address: support
                        rules:
                          - name: A
                            conditions: any mail
                            extract:
                              - {name: n, regex: "[0-9"}
                            action: ignore
                        """, 6, "bad regex '[0-9': Unclosed character class at position 4"),
                Arguments.of("bad expression", """
                        address: support
                        rules:
                          - name: A
                            conditions:
                              - {field: subject, op: contains, value: x}
                              - {field: body, op: contains, value: y}
                            when: (1 and )
                            action: ignore
                        """, 7, "bad filter expression in 'when': expected a condition number at position 8 in"
                        + " '(1 and )'"),
                Arguments.of("expression naming a missing condition", """
                        address: support
                        rules:
                          - name: A
                            conditions:
                              - {field: subject, op: contains, value: x}
                            when: 1 or 2
                            action: ignore
                        """, 6, "bad filter expression in 'when': condition 2 does not exist (this rule has 1"
                        + " condition) at position 6 in '1 or 2'"),
                Arguments.of("rule without conditions", """
                        address: support
                        rules:
                          - name: A
                            action: ignore
                        """, 3, "rule 'A' has no conditions (write 'conditions: any mail' to match every mail)"),
                Arguments.of("rule that does nothing", """
                        address: support
                        rules:
                          - name: A
                            conditions: any mail
                        """, 3, "rule 'A' does nothing: give it an 'action', a 'set' or an 'extract'"),
                Arguments.of("duplicate rule name", """
                        address: support
                        rules:
                          - {name: A, conditions: any mail, action: ignore}
                          - {name: A, conditions: any mail, action: ignore}
                        """, 4, "there is already a rule named 'A'"),
                Arguments.of("unknown project", """
                        address: support
                        rules:
                          - name: A
                            conditions: any mail
                            action:
                              createTask:
                                project: 2
                        """, 7, "no project number 2"),
                Arguments.of("unknown employee", """
                        address: support
                        rules:
                          - name: A
                            conditions: any mail
                            set:
                              assignees: [alice, mallory]
                        """, 6, "no employee with login 'mallory'"),
                Arguments.of("template naming a value nobody extracts", """
                        address: support
                        rules:
                          - name: A
                            conditions: any mail
                            action:
                              createTask: {title: "Order {ordr}"}
                        """, 6, "'{ordr}' is not a value any rule extracts; known: from, fromName, subject"),
                Arguments.of("extraction with two methods", """
                        address: support
                        rules:
                          - name: A
                            conditions: any mail
                            extract:
                              - {name: n, after: "A:", regex: "x"}
                        """, 6, "extraction 'n' needs either 'after' (with optional 'before') or 'regex'"),
                Arguments.of("extraction of a built-in name", """
                        address: support
                        rules:
                          - name: A
                            conditions: any mail
                            extract:
                              - {name: subject, after: "A:"}
                        """, 6, "'subject' is a built-in value (subject, from, fromName); choose another name"),
                Arguments.of("regex group that does not exist", """
                        address: support
                        rules:
                          - name: A
                            conditions: any mail
                            extract:
                              - {name: n, regex: "a(b)", group: 2}
                        """, 6, "the regex has 1 group; there is no group 2"),
                Arguments.of("unknown action", """
                        address: support
                        rules:
                          - {name: A, conditions: any mail, action: delete}
                        """, 3, "unknown action 'delete'; actions: create task, add comment, contact only, ignore"),
                Arguments.of("comment target that is no number", """
                        address: support
                        rules:
                          - name: A
                            conditions: any mail
                            action:
                              addComment: {task: latest}
                        """, 6, "task 'latest' is neither a task number nor a template such as '{ticket}'"),
                Arguments.of("bad ifNotFound", """
                        address: support
                        rules:
                          - name: A
                            conditions: any mail
                            action:
                              addComment: {task: "1", ifNotFound: bounce}
                        """, 6, "ifNotFound is 'ignore' or 'create task', not 'bounce'"),
                Arguments.of("bad status", """
                        address: support
                        rules:
                          - name: A
                            conditions: any mail
                            set: {status: done}
                        """, 5, "status is 'open' or 'closed', not 'done'"),
                Arguments.of("default that comments", """
                        address: support
                        default:
                          action:
                            addComment: {task: "1"}
                        """, 4, "the default rule either creates a task or ignores the mail"),
                Arguments.of("default contact only", """
                        address: support
                        default: contact only
                        """, 2, "the default rule either creates a task or ignores the mail"),
                Arguments.of("not YAML", """
                        address: support
                        rules: [
                        """, 3, "not valid YAML: expected the node content, but found '<stream end>'"),
                Arguments.of("bad onlyThisRule", """
                        address: support
                        rules:
                          - {name: A, conditions: any mail, action: ignore, onlyThisRule: maybe}
                        """, 3, "'maybe' is not true or false"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFilesAreRejectedWithFileLineAndReason(String name, String yaml, int line, String reason) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.file()).isEqualTo("rules/support.yaml");
                    assertThat(e.line()).isEqualTo(line);
                })
                .hasMessage("rules/support.yaml:" + line + ": " + reason);
    }

    @Test
    void readableSpellingsOfFieldsOperatorsAndActionsAreAccepted() {
        RuleSet set = parse("""
                address: Support
                description: Help desk
                rules:
                  - name: A
                    conditions:
                      - {field: From Name, op: Does Not Contain, value: x}
                      - {field: any_recipient, op: starts-with, value: x}
                      - {field: attachmentName, op: matches regex, value: x}
                    when: 1 OR 2 or 3
                    action: Contact Only
                """);
        assertThat(set.address()).isEqualTo("support");
        assertThat(set.description()).isEqualTo("Help desk");
        assertThat(set.rules()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("A");
            assertThat(r.line()).isEqualTo(4);
            assertThat(r.conditionCount()).isEqualTo(3);
            assertThat(r.when()).isEqualTo("1 OR 2 or 3");
            assertThat(r.action()).isEqualTo(RuleAction.CONTACT_ONLY);
        });
        assertThat(set.evaluate(mail().build()).trace().rules().get(0).conditions()).extracting(ConditionTrace::test)
                .containsExactly("from name not contains \"x\"", "any recipient starts with \"x\"",
                        "attachment name regex \"x\"");
    }

    @Test
    void validationIsAgainstTheGivenReferences() {
        String yaml = "address: support\nrules:\n  - {name: A, conditions: any mail, set: {assignees: [dora]}}\n";
        assertThatThrownBy(() -> parse(yaml)).hasMessageEndingWith("no employee with login 'dora'");
        assertThat(RuleFile.parse("x.yaml", yaml, RuleReferences.ANY).rules()).hasSize(1);
        assertThat(RuleFile.parse("x.yaml", yaml, RuleReferences.of(Set.of(), Set.of("Dora"))).rules()).hasSize(1);
    }

    // ---- the example file, config/rules/support.yaml, against the demo directory ------------------------

    private static final RuleSet SUPPORT = RuleFile.load(Path.of("config/rules/support.yaml"), DEMO);

    @Test
    void exampleFileIsValidForTheDemoDirectory() {
        assertThat(SUPPORT.address()).isEqualTo("support");
        assertThat(SUPPORT.file()).isEqualTo(Path.of("config/rules/support.yaml").toString());
        assertThat(SUPPORT.rules()).extracting(Rule::name)
                .containsExactly("Automatic mail", "Invoices", "Urgent", "Order status");
        assertThat(SUPPORT.defaultAction()).isEqualTo(RuleAction.CREATE_TASK);
        assertThatThrownBy(() -> RuleFile.load(Path.of("config/rules/support.yaml"),
                RuleReferences.of(Set.of(1), Set.of("alice"))))
                .hasMessageStartingWith(Path.of("config/rules/support.yaml") + ":").hasMessageEndingWith(
                        "no employee with login 'bob'");
    }

    @Test
    void exampleFileIgnoresAutomaticMailWhateverElseMatches() {
        RuleDecision d = SUPPORT.evaluate(mail().subject("URGENT invoice INV-1").header("Auto-Submitted", "auto-replied")
                .build());
        assertThat(d.action()).isEqualTo(RuleAction.IGNORE);
        assertThat(d.why()).isEqualTo("ignore — rule 'Automatic mail' matched and is marked \"only this rule\"");
        assertThat(d.trace().rules()).extracting(RuleTrace::outcome).containsExactly(RuleTrace.Outcome.APPLIED,
                RuleTrace.Outcome.NOT_EVALUATED, RuleTrace.Outcome.NOT_EVALUATED, RuleTrace.Outcome.NOT_EVALUATED);
    }

    @Test
    void exampleFileSendsAnUrgentInvoiceToBillingWithAliceAdded() {
        RuleDecision d = SUPPORT.evaluate(mail().subject("Re: Invoice INV-2024-117 is overdue — urgent")
                .body("Dear support, ...").build());
        assertThat(d.action()).isEqualTo(RuleAction.CREATE_TASK);
        assertThat(d.values()).isEqualTo(Map.of("invoice", "INV-2024-117"));
        assertThat(d.task()).isEqualTo(new TaskSettings(1, "Invoice INV-2024-117: Invoice INV-2024-117 is overdue — urgent",
                List.of("bob", "alice"), List.of("bob"), null,
                "Billing question from Carol Client about invoice INV-2024-117.\n\n", null, null, Map.of()));
        assertThat(d.why()).isEqualTo("create task — chosen by rule 'Invoices', the last matching rule with a main"
                + " action; settings merged from rules 'Invoices', 'Urgent'");
    }

    @Test
    void exampleFileTakesTheInvoiceNumberFromTheBodyAndLeavesOtherMailToTheDefault() {
        RuleDecision invoice = SUPPORT.evaluate(mail().from("Dan <dan@client.example>").subject("Payment")
                .attachment("scan.PDF").body("Hi,\nInvoice number: 2024/55\nthanks").build());
        assertThat(invoice.values()).isEqualTo(Map.of("invoice", "2024/55"));
        assertThat(invoice.task().title()).isEqualTo("Invoice 2024/55: Payment");
        assertThat(invoice.task().assignees()).containsExactly("bob");

        RuleDecision plain = SUPPORT.evaluate(mail().subject("The printer is on fire").build());
        assertThat(plain.action()).isEqualTo(RuleAction.CREATE_TASK);
        assertThat(plain.task()).isEqualTo(new TaskSettings(1, null, null, null, null, null, null, null, Map.of()));
        assertThat(plain.trace().defaultUsed()).isTrue();
        assertThat(plain.why()).isEqualTo("create task — no rule matched: the default rule applies");
    }

    @Test
    void exampleFileSetsTheOrderField() {
        RuleDecision d = SUPPORT.evaluate(mail().subject("Where is my parcel?").body("Order number: A-17\n").build());
        assertThat(d.task().title()).isEqualTo("Order A-17: Where is my parcel?");
        assertThat(d.task().fields()).isEqualTo(Map.of("Order", "A-17"));
    }

    // ---- the trace as JSON --------------------------------------------------------------------------------

    @Test
    void theDecisionAndItsTraceSerialiseAsPlainJson() throws Exception {
        RuleDecision d = SUPPORT.evaluate(mail().subject("Invoice INV-7").header("X-Priority", "1 (Highest)").build());
        ObjectMapper json = new ObjectMapper();
        JsonNode tree = json.readTree(json.writeValueAsString(d));
        assertThat(tree.get("action").asText()).isEqualTo("CREATE_TASK");
        assertThat(tree.get("values").get("invoice").asText()).isEqualTo("INV-7");
        assertThat(tree.get("task").get("assignees").get(1).asText()).isEqualTo("alice");
        JsonNode urgent = tree.get("trace").get("rules").get(2);
        assertThat(urgent.get("name").asText()).isEqualTo("Urgent");
        assertThat(urgent.get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(urgent.get("when").asText()).isEqualTo("(1 or 2) and not 3");
        assertThat(urgent.get("conditions").get(1).toString()).isEqualTo(
                "{\"number\":2,\"test\":\"header X-Priority starts with \\\"1\\\"\",\"result\":true,"
                        + "\"actual\":\"1 (Highest)\"}");
        assertThat(tree.get("trace").get("why").asText()).startsWith("create task — chosen by rule 'Invoices'");
        assertThat(json.readValue(json.writeValueAsString(d.trace()), Trace.class)).isEqualTo(d.trace());
    }
}
