package dev.mailtask.rules;

import static dev.mailtask.rules.RuleAction.ADD_COMMENT;
import static dev.mailtask.rules.RuleAction.CONTACT_ONLY;
import static dev.mailtask.rules.RuleAction.CREATE_TASK;
import static dev.mailtask.rules.RuleAction.IGNORE;
import static dev.mailtask.rules.MailBuilder.mail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtask.tasks.TaskStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rule suite: each row is a small rule file, a mail, and the exact decision expected — main action,
 * which rules were applied, the extracted values, and where it matters the merged settings, the comment
 * target and the trace. Rows cover every condition field, operator, expression form, extraction method,
 * action, extra action, merge, the "only this rule" flag and the default rule.
 */
class RuleSuiteTest {

    static final RuleReferences DIRECTORY = RuleReferences.of(Set.of(1, 2, 7), Set.of("alice", "bob", "carol"));

    /** One row: rules (a list under {@code rules:}, or top-level keys), a mail, and what must come out. */
    static final class Case {
        final String name;
        final String yaml;
        final MailBuilder mail;
        RuleAction action;
        List<String> applied = List.of();
        Map<String, String> values = Map.of();
        Consumer<RuleDecision> check = d -> { };

        Case(String name, String yaml, MailBuilder mail) {
            this.name = name;
            this.yaml = yaml;
            this.mail = mail;
        }

        Case gives(RuleAction expected, String... appliedRules) {
            action = expected;
            applied = List.of(appliedRules);
            return this;
        }

        Case values(Map<String, String> expected) {
            values = expected;
            return this;
        }

        Case and(Consumer<RuleDecision> more) {
            check = more;
            return this;
        }

        String file() {
            boolean topLevel = yaml.lines().anyMatch(l -> l.matches("(rules|adminRules|default):.*"));
            return "address: support\n" + (topLevel ? yaml : "rules:\n" + yaml.indent(2));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Case when(String name, String yaml, MailBuilder mail) {
        return new Case(name, yaml, mail);
    }

    /** A one-rule file whose rule "R" ignores the mail when {@code conditions} (YAML list items) hold. */
    static String ignoreIf(String conditions) {
        return "- name: R\n  conditions:\n" + conditions.indent(4) + "  action: ignore\n";
    }

    static TaskSettings settings(Integer project, String title, List<String> assignees) {
        return new TaskSettings(project, title, assignees, null, null, null, null, null, Map.of());
    }

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();

        // ---- condition fields × operators -------------------------------------------------------------
        c.add(when("from contains, ignoring case", ignoreIf("- {field: from, op: contains, value: \"@CLIENT.example\"}"),
                mail()).gives(IGNORE, "R").and(d -> assertThat(d.trace().rules().get(0).conditions()).containsExactly(
                        new ConditionTrace(1, "from contains \"@CLIENT.example\"", true, "carol@client.example"))));
        c.add(when("from equals needs the whole address", ignoreIf("- {field: from, op: equals, value: carol@client.exampl}"),
                mail()).gives(CREATE_TASK));
        c.add(when("from name starts with", ignoreIf("- {field: from name, op: starts with, value: carol}"),
                mail()).gives(IGNORE, "R"));
        c.add(when("from name ends with, case-sensitive, does not match other case",
                ignoreIf("- {field: fromName, op: endsWith, value: client, caseSensitive: true}"),
                mail()).gives(CREATE_TASK));
        c.add(when("to equals any of the To addresses", ignoreIf("- {field: to, op: equals, value: SALES@demo.mailtask}"),
                mail().to("support@demo.mailtask", "Sales <sales@demo.mailtask>")).gives(IGNORE, "R")
                .and(d -> assertThat(d.trace().rules().get(0).conditions().get(0).actual())
                        .isEqualTo("sales@demo.mailtask")));
        c.add(when("cc contains", ignoreIf("- {field: cc, op: contains, value: partner}"),
                mail().cc("Dave <dave@partner.example>")).gives(IGNORE, "R"));
        c.add(when("cc not contains holds for mail without Cc", ignoreIf("- {field: cc, op: not contains, value: partner}"),
                mail()).gives(IGNORE, "R").and(d -> assertThat(d.trace().rules().get(0).conditions().get(0).actual())
                        .isEqualTo("(none)")));
        c.add(when("cc not contains fails when one Cc contains it",
                ignoreIf("- {field: cc, op: does not contain, value: partner}"),
                mail().cc("x@other.example", "dave@partner.example")).gives(CREATE_TASK)
                .and(d -> assertThat(d.trace().rules().get(0).conditions().get(0))
                        .isEqualTo(new ConditionTrace(1, "cc not contains \"partner\"", false, "dave@partner.example"))));
        c.add(when("any recipient includes Delivered-To",
                ignoreIf("- {field: any recipient, op: equals, value: billing@demo.mailtask}"),
                mail().deliveredTo("billing@demo.mailtask")).gives(IGNORE, "R"));
        c.add(when("any recipient includes Cc", ignoreIf("- {field: any recipient, op: ends with, value: \"@partner.example\"}"),
                mail().cc("dave@partner.example")).gives(IGNORE, "R"));
        c.add(when("subject regex, ignoring case", ignoreIf("- {field: subject, op: regex, value: \"\\\\binv-\\\\d+\"}"),
                mail().subject("Re: INV-42 overdue")).gives(IGNORE, "R"));
        c.add(when("subject regex, case-sensitive", ignoreIf("- {field: subject, op: regex, value: INV, caseSensitive: true}"),
                mail().subject("inv-42")).gives(CREATE_TASK));
        c.add(when("subject equals the whole subject", ignoreIf("- {field: subject, op: equals, value: hello}"),
                mail().subject("Hello")).gives(IGNORE, "R"));
        c.add(when("subject equals is not contains", ignoreIf("- {field: subject, op: is, value: hello}"),
                mail().subject("Hello there")).gives(CREATE_TASK));
        c.add(when("body contains, shown around the match", ignoreIf("- {field: body, op: contains, value: on fire}"),
                mail().body("Hello,\n" + "x".repeat(200) + "\nthe printer on floor 2 is ON FIRE again.\n" + "y".repeat(200)))
                .gives(IGNORE, "R").and(d -> assertThat(d.trace().rules().get(0).conditions().get(0).actual())
                        .isEqualTo("…inter on floor 2 is ON FIRE again. " + "y".repeat(45) + "…")));
        c.add(when("body not contains", ignoreIf("- {field: body, op: not contains, value: unsubscribe}"),
                mail()).gives(IGNORE, "R"));
        c.add(when("body starts with", ignoreIf("- {field: body, op: starts with, value: \"hello,\"}"),
                mail()).gives(IGNORE, "R"));
        c.add(when("header equals", ignoreIf("- {header: X-Priority, op: equals, value: \"1\"}"),
                mail().header("X-Priority", "1")).gives(IGNORE, "R"));
        c.add(when("header name ignores case", ignoreIf("- {header: x-priority, op: starts with, value: \"1\"}"),
                mail().header("X-PRIORITY", "1 (Highest)")).gives(IGNORE, "R"));
        c.add(when("missing header: contains is false, not contains is true",
                "- name: R\n  conditions:\n    - {header: List-Id, op: contains, value: x}\n"
                        + "    - {header: List-Id, op: not contains, value: x}\n  when: not 1 and 2\n  action: ignore\n",
                mail()).gives(IGNORE, "R").and(d -> assertThat(d.trace().rules().get(0).conditions())
                        .extracting(ConditionTrace::result, ConditionTrace::actual)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(false, "(none)"),
                                org.assertj.core.groups.Tuple.tuple(true, "(none)"))));
        c.add(when("a repeated header matches on any occurrence", ignoreIf("- {header: Received, op: contains, value: relay.example}"),
                mail().header("Received", "from a.example").header("Received", "from relay.example")).gives(IGNORE, "R"));
        c.add(when("has attachment", ignoreIf("- {field: has attachment}"),
                mail().attachment("a.pdf")).gives(IGNORE, "R").and(d ->
                        assertThat(d.trace().rules().get(0).conditions().get(0)).isEqualTo(
                                new ConditionTrace(1, "has attachment", true, "a.pdf"))));
        c.add(when("an inline image is not an attachment", ignoreIf("- {field: has attachment}"),
                mail().inlineImage("logo.png")).gives(CREATE_TASK));
        c.add(when("attachment name ends with, ignoring case", ignoreIf("- {field: attachment name, op: ends with, value: .PDF}"),
                mail().attachment("notes.txt").attachment("Invoice.pdf")).gives(IGNORE, "R"));
        c.add(when("attachment name regex", ignoreIf("- {field: attachment name, op: matches, value: \"^scan_\\\\d+\\\\.jpg$\"}"),
                mail().attachment("scan_001.jpg")).gives(IGNORE, "R"));
        c.add(when("any mail", ignoreIf("- {field: any mail}"), mail()).gives(IGNORE, "R"));
        c.add(when("'conditions: any mail' shorthand", "- name: R\n  conditions: any mail\n  action: contact only\n",
                mail()).gives(CONTACT_ONLY, "R"));
        c.add(when("mail without From: from contains is false, not contains true",
                "- name: R\n  conditions:\n    - {field: from, op: contains, value: \"@\"}\n"
                        + "    - {field: from, op: not contains, value: \"@\"}\n  when: not 1 and 2\n  action: ignore\n",
                mail().from(null)).gives(IGNORE, "R"));

        // ---- filter expressions -----------------------------------------------------------------------
        String three = "- name: R\n  conditions:\n    - {field: subject, op: contains, value: order}\n"
                + "    - {field: from, op: ends with, value: \"@client.example\"}\n"
                + "    - {field: body, op: contains, value: cancel}\n";
        c.add(when("no 'when': all conditions", three + "  action: ignore\n",
                mail().subject("Order").body("please cancel")).gives(IGNORE, "R")
                .and(d -> assertThat(d.trace().rules().get(0).when()).isEqualTo("1 and 2 and 3")));
        c.add(when("no 'when': one false condition fails the rule", three + "  action: ignore\n",
                mail().subject("Order").body("thanks")).gives(CREATE_TASK));
        c.add(when("'or'", three + "  when: 1 or 3\n  action: ignore\n",
                mail().subject("Hi").body("cancel it")).gives(IGNORE, "R"));
        c.add(when("'(1 and 2) or (1 and not 3)' via the second branch",
                three + "  when: (1 and 3) or (1 and not 2)\n  action: ignore\n",
                mail().from("x@other.example").subject("order 5").body("no")).gives(IGNORE, "R"));
        c.add(when("'not'", three + "  when: not 2\n  action: ignore\n", mail()).gives(CREATE_TASK));

        // ---- extraction -------------------------------------------------------------------------------
        c.add(when("after a label to the end of the line",
                "- name: R\n  conditions: any mail\n  extract:\n    - {name: order, in: body, after: \"Order number:\"}\n"
                        + "  action:\n    createTask: {title: \"Order {order}\"}\n",
                mail().body("Hi\nOrder number:  A-17 \r\nThanks")).gives(CREATE_TASK, "R")
                .values(Map.of("order", "A-17")).and(d -> assertThat(d.task().title()).isEqualTo("Order A-17")));
        c.add(when("between two labels",
                "- name: R\n  conditions: any mail\n  extract:\n    - {name: customer, after: \"Customer:\", before: \";\"}\n"
                        + "  action: create task\n",
                mail().body("Customer: ACME\nCorp Ltd; Ref 9")).gives(CREATE_TASK, "R")
                .values(Map.of("customer", "ACME\nCorp Ltd")));
        c.add(when("regex group from the subject",
                "- name: R\n  conditions: any mail\n  extract:\n    - {name: ticket, in: subject, regex: \"\\\\[ticket:(\\\\d+)]\"}\n"
                        + "  action: create task\n",
                mail().subject("Re: [ticket:123] printer")).gives(CREATE_TASK, "R").values(Map.of("ticket", "123")));
        c.add(when("regex without groups takes the whole match",
                "- name: R\n  conditions: any mail\n  extract:\n    - {name: invoice, regex: \"INV-\\\\d+\"}\n  action: create task\n",
                mail().subject("inv-42 overdue")).gives(CREATE_TASK, "R").values(Map.of("invoice", "inv-42")));
        c.add(when("regex group 2",
                "- name: R\n  conditions: any mail\n  extract:\n    - {name: year, regex: \"(\\\\d{2})\\\\.(\\\\d{4})\", group: 2}\n"
                        + "  action: create task\n",
                mail().subject("Report 03.2025")).gives(CREATE_TASK, "R").values(Map.of("year", "2025")));
        c.add(when("'both' looks in the body when the subject has nothing",
                "- name: R\n  conditions: any mail\n  extract:\n    - {name: order, in: both, after: \"Order:\"}\n  action: create task\n",
                mail().subject("Question").body("Order: 55")).gives(CREATE_TASK, "R").values(Map.of("order", "55")));
        c.add(when("'both' prefers the subject",
                "- name: R\n  conditions: any mail\n  extract:\n    - {name: order, after: \"Order:\"}\n  action: create task\n",
                mail().subject("Order: 1").body("Order: 2")).gives(CREATE_TASK, "R").values(Map.of("order", "1")));
        c.add(when("'subject' does not look in the body; a missing value renders empty",
                "- name: R\n  conditions: any mail\n  extract:\n    - {name: order, in: subject, after: \"Order:\"}\n"
                        + "  action:\n    createTask: {title: \"Order {order}\"}\n",
                mail().subject("Question").body("Order: 55")).gives(CREATE_TASK, "R")
                .and(d -> assertThat(d.task().title()).isEqualTo("Order")));
        c.add(when("labels ignore case unless case-sensitive",
                "- name: R\n  conditions: any mail\n  extract:\n    - {name: a, after: \"order number:\"}\n"
                        + "    - {name: b, after: \"order number:\", caseSensitive: true}\n  action: create task\n",
                mail().body("ORDER NUMBER: 5")).gives(CREATE_TASK, "R").values(Map.of("a", "5")));
        c.add(when("two extractions of one name: the first that finds wins",
                "- name: R\n  conditions: any mail\n  extract:\n    - {name: n, regex: \"#(\\\\d+)\"}\n"
                        + "    - {name: n, after: \"Number:\"}\n    - {name: n, after: \"Ref:\"}\n  action: create task\n",
                mail().body("Number: 8\nRef: 9")).gives(CREATE_TASK, "R").values(Map.of("n", "8")));
        c.add(when("rules that do not match extract nothing",
                "- name: A\n  conditions:\n    - {field: subject, op: contains, value: nope}\n  extract:\n"
                        + "    - {name: x, after: \"Order:\"}\n  action: ignore\n",
                mail().body("Order: 1")).gives(CREATE_TASK).values(Map.of()));

        // ---- main actions -----------------------------------------------------------------------------
        c.add(when("create task with every setting",
                """
                - name: R
                  conditions: any mail
                  extract:
                    - {name: invoice, regex: "INV-(\\\\d+)"}
                  action:
                    createTask:
                      project: 2
                      title: "Invoice {invoice} from {fromName}: {subject}"
                      assignees: [bob, "{invoice}"]
                      participants: alice
                      auditors: []
                      descriptionPrefix: "From {from}:\\n"
                      descriptionSuffix: "\\n-- billing"
                      status: closed
                """, mail().subject("Fwd: INV-7 overdue")).gives(CREATE_TASK, "R").values(Map.of("invoice", "7"))
                .and(d -> assertThat(d.task()).isEqualTo(new TaskSettings(2, "Invoice 7 from Carol Client: INV-7 overdue",
                        List.of("bob", "7"), List.of("alice"), List.of(), "From carol@client.example:\n", "\n-- billing",
                        TaskStatus.CLOSED, Map.of()))));
        c.add(when("add comment to a task number",
                "- name: R\n  conditions: any mail\n  action:\n    addComment: {task: \"#42\"}\n", mail())
                .gives(ADD_COMMENT, "R").and(d -> {
                    assertThat(d.comment()).isEqualTo(new CommentTarget(42L, "#42", IfNotFound.CREATE_TASK));
                    assertThat(d.why()).isEqualTo("add comment to task #42 (if not found: create task) — chosen by rule"
                            + " 'R', the last matching rule with a main action");
                }));
        c.add(when("add comment to a task number extracted from the subject",
                "- name: R\n  conditions: any mail\n  extract:\n    - {name: ticket, in: subject, regex: \"\\\\[#(\\\\d+)]\"}\n"
                        + "  action:\n    addComment: {task: \"{ticket}\", ifNotFound: ignore}\n",
                mail().subject("Re: [#123] printer")).gives(ADD_COMMENT, "R").values(Map.of("ticket", "123"))
                .and(d -> assertThat(d.comment()).isEqualTo(new CommentTarget(123L, "123", IfNotFound.IGNORE))));
        c.add(when("add comment to the task found by an extracted value that is not a number",
                "- name: R\n  conditions: any mail\n  extract:\n    - {name: order, after: \"Order:\"}\n"
                        + "  action:\n    addComment: {task: \"{order}\"}\n",
                mail().body("Order: ORD-9")).gives(ADD_COMMENT, "R").values(Map.of("order", "ORD-9"))
                .and(d -> assertThat(d.comment()).isEqualTo(new CommentTarget(null, "ORD-9", IfNotFound.CREATE_TASK))));
        c.add(when("add comment, value not found, if not found: ignore",
                "- name: R\n  conditions: any mail\n  extract:\n    - {name: ticket, regex: \"#(\\\\d+)\"}\n"
                        + "  action:\n    addComment: {task: \"{ticket}\", ifNotFound: ignore}\n",
                mail()).gives(IGNORE, "R").and(d -> {
                    assertThat(d.comment()).isNull();
                    assertThat(d.why()).isEqualTo("ignore — rule 'R' would add a comment, but '{ticket}' names no task"
                            + " (value not found); if not found: ignore");
                }));
        c.add(when("add comment, value not found, if not found: create task",
                "- name: R\n  conditions: any mail\n  extract:\n    - {name: ticket, regex: \"#(\\\\d+)\"}\n"
                        + "  action:\n    addComment: {task: \"{ticket}\", ifNotFound: create task}\n",
                mail()).gives(CREATE_TASK, "R").and(d -> assertThat(d.comment()).isNull()));
        c.add(when("contact only", "- name: R\n  conditions: any mail\n  action: contactOnly\n", mail())
                .gives(CONTACT_ONLY, "R"));
        c.add(when("ignore", "- name: R\n  conditions: any mail\n  action: ignore\n", mail()).gives(IGNORE, "R")
                .and(d -> assertThat(d.why()).isEqualTo("ignore — chosen by rule 'R', the last matching rule with a main action")));
        c.add(when("project picked by an extracted label",
                "- name: R\n  conditions: any mail\n  extract:\n    - {name: p, after: \"Project:\"}\n"
                        + "  action:\n    createTask: {project: \"{p}\"}\n",
                mail().body("Project: #7\n")).gives(CREATE_TASK, "R").values(Map.of("p", "#7")).and(d -> assertThat(d.task().project()).isEqualTo(7)));
        c.add(when("an extracted project that is not a number is noted and left out",
                "- name: R\n  conditions: any mail\n  extract:\n    - {name: p, after: \"Project:\"}\n"
                        + "  action:\n    createTask: {project: \"{p}\", title: T}\n",
                mail().body("Project: Apollo\n")).gives(CREATE_TASK, "R").values(Map.of("p", "Apollo")).and(d -> {
                    assertThat(d.task()).isEqualTo(settings(null, "T", null));
                    assertThat(d.trace().notes()).containsExactly(
                            "project '{p}' gave 'Apollo', not a project number; the address's own project applies");
                }));

        // ---- extra actions (set) ----------------------------------------------------------------------
        c.add(when("set fields from constants and extracted values",
                "- name: R\n  conditions: any mail\n  extract:\n    - {name: customer, after: \"Customer:\"}\n  set:\n"
                        + "    status: open\n    fields:\n      - {name: Customer, value: \"{customer}\"}\n"
                        + "      - {name: Source, value: mail}\n",
                mail().body("Customer: ACME")).gives(CREATE_TASK, "R").values(Map.of("customer", "ACME"))
                .and(d -> assertThat(d.task()).isEqualTo(new TaskSettings(null, null, null, null, null, null, null,
                        TaskStatus.OPEN, Map.of("Customer", "ACME", "Source", "mail")))));
        c.add(when("a rule that only sets fields leaves the action to the default",
                "- name: Urgent\n  conditions:\n    - {field: subject, op: contains, value: urgent}\n  set:\n"
                        + "    assignees: [alice]\n",
                mail().subject("URGENT: help")).gives(CREATE_TASK, "Urgent").and(d -> {
                    assertThat(d.task()).isEqualTo(settings(null, null, List.of("alice")));
                    assertThat(d.trace().defaultUsed()).isTrue();
                    assertThat(d.why()).isEqualTo("create task — matching rule 'Urgent' chose no main action: the default"
                            + " rule applies");
                }));

        // ---- merging ----------------------------------------------------------------------------------
        c.add(when("settings merge in order; the last action wins",
                "- name: A\n  conditions: any mail\n  action:\n    createTask: {project: 2, title: First, assignees: [alice]}\n"
                        + "- name: B\n  conditions: any mail\n  action:\n    createTask: {title: Second}\n",
                mail()).gives(CREATE_TASK, "A", "B").and(d -> {
                    assertThat(d.task()).isEqualTo(settings(2, "Second", List.of("alice")));
                    assertThat(d.why()).isEqualTo("create task — chosen by rule 'B', the last matching rule with a main"
                            + " action; settings merged from rules 'A', 'B'");
                }));
        c.add(when("a later ignore overrides an earlier create task",
                "- name: A\n  conditions: any mail\n  action:\n    createTask: {project: 2}\n"
                        + "- name: B\n  conditions:\n    - {field: subject, op: contains, value: spam}\n  action: ignore\n",
                mail().subject("spam spam")).gives(IGNORE, "A", "B"));
        c.add(when("a later rule without an action keeps the earlier action",
                "- name: A\n  conditions: any mail\n  action: contact only\n"
                        + "- name: B\n  conditions: any mail\n  set: {title: X}\n",
                mail()).gives(CONTACT_ONLY, "A", "B"));
        c.add(when("people lists are joined; 'set' overrides its own rule's createTask",
                "- name: A\n  conditions: any mail\n  action:\n    createTask: {assignees: [alice]}\n"
                        + "- name: B\n  conditions: any mail\n  action:\n    createTask: {assignees: [bob], title: B}\n"
                        + "  set: {title: C}\n",
                mail()).gives(CREATE_TASK, "A", "B").and(d -> assertThat(d.task()).isEqualTo(settings(null, "C",
                        List.of("alice", "bob")))));
        c.add(when("later extractions override earlier ones",
                "- name: A\n  conditions: any mail\n  extract:\n    - {name: v, after: \"One:\"}\n  action: create task\n"
                        + "- name: B\n  conditions: any mail\n  extract:\n    - {name: v, after: \"Two:\"}\n"
                        + "    - {name: w, after: \"Three:\"}\n",
                mail().body("One: 1\nTwo: 2")).gives(CREATE_TASK, "A", "B").values(Map.of("v", "2")));

        // ---- only this rule ---------------------------------------------------------------------------
        c.add(when("'only this rule' drops earlier matches and skips later rules",
                "- name: A\n  conditions: any mail\n  action:\n    createTask: {title: A}\n"
                        + "- name: B\n  conditions:\n    - {field: subject, op: contains, value: nope}\n  action: ignore\n"
                        + "- name: Stop\n  conditions: any mail\n  action: contact only\n  onlyThisRule: true\n"
                        + "- name: D\n  conditions: any mail\n  action: ignore\n",
                mail()).gives(CONTACT_ONLY, "Stop").and(d -> {
                    assertThat(d.trace().rules()).extracting(RuleTrace::name, RuleTrace::outcome).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("A", RuleTrace.Outcome.OVERRIDDEN),
                            org.assertj.core.groups.Tuple.tuple("B", RuleTrace.Outcome.NOT_MATCHED),
                            org.assertj.core.groups.Tuple.tuple("Stop", RuleTrace.Outcome.APPLIED),
                            org.assertj.core.groups.Tuple.tuple("D", RuleTrace.Outcome.NOT_EVALUATED));
                    assertThat(d.task()).isEqualTo(TaskSettings.NONE);
                    assertThat(d.trace().rules().get(3).conditions()).isEmpty();
                    assertThat(d.why()).isEqualTo("contact only — rule 'Stop' matched and is marked \"only this rule\"");
                }));
        c.add(when("of two 'only this rule' rules the first wins",
                "- name: First\n  conditions: any mail\n  action: ignore\n  onlyThisRule: true\n"
                        + "- name: Second\n  conditions: any mail\n  action: contact only\n  onlyThisRule: true\n",
                mail()).gives(IGNORE, "First"));
        c.add(when("an 'only this rule' rule that does not match stops nothing",
                "- name: Stop\n  conditions:\n    - {field: subject, op: contains, value: nope}\n  action: ignore\n"
                        + "  onlyThisRule: true\n- name: B\n  conditions: any mail\n  action: contact only\n",
                mail()).gives(CONTACT_ONLY, "B"));
        c.add(when("admin rules come first and can stop the address's own rules",
                "adminRules:\n  - name: Admin\n    conditions:\n      - {header: Auto-Submitted, op: starts with, value: auto}\n"
                        + "    action: ignore\n    onlyThisRule: true\nrules:\n"
                        + "  - name: Mine\n    conditions: any mail\n    action:\n      createTask: {title: Mine}\n",
                mail().header("Auto-Submitted", "auto-replied")).gives(IGNORE, "Admin").and(d ->
                        assertThat(d.trace().rules()).extracting(RuleTrace::section).containsExactly("adminRules", "rules")));

        // ---- default rule -----------------------------------------------------------------------------
        c.add(when("default ignore when no rule matched",
                "rules:\n  - name: A\n    conditions:\n      - {field: subject, op: contains, value: nope}\n"
                        + "    action: contact only\ndefault: ignore\n",
                mail()).gives(IGNORE).and(d -> {
                    assertThat(d.why()).isEqualTo("ignore — no rule matched: the default rule applies");
                    assertThat(d.trace().defaultAction()).isEqualTo("ignore");
                }));
        c.add(when("default settings are the base that matching rules override",
                "rules:\n  - name: A\n    conditions: any mail\n    action:\n      createTask: {title: \"A: {subject}\"}\n"
                        + "default:\n  action:\n    createTask: {project: 1, title: Default, assignees: [bob]}\n",
                mail().subject("Re: Hello")).gives(CREATE_TASK, "A").and(d -> {
                    assertThat(d.task()).isEqualTo(settings(1, "A: Hello", List.of("bob")));
                    assertThat(d.trace().defaultUsed()).isFalse();
                }));
        c.add(when("default with 'set' and no matching rule",
                "default:\n  action: create task\n  set: {project: 7, participants: [carol]}\n",
                mail()).gives(CREATE_TASK).and(d -> assertThat(d.task()).isEqualTo(new TaskSettings(7, null, null,
                        List.of("carol"), null, null, null, null, Map.of()))));
        c.add(when("no default: create task with the address's own settings",
                "- name: A\n  conditions:\n    - {field: subject, op: contains, value: nope}\n  action: ignore\n",
                mail()).gives(CREATE_TASK).and(d -> {
                    assertThat(d.task()).isEqualTo(TaskSettings.NONE);
                    assertThat(d.comment()).isNull();
                    assertThat(d.trace().defaultAction()).isEqualTo("create task");
                }));
        c.add(when("a default ignore is overridden by a matching rule's action",
                "rules:\n  - name: A\n    conditions: any mail\n    action: create task\ndefault: ignore\n",
                mail()).gives(CREATE_TASK, "A"));
        return c.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        RuleSet rules = RuleFile.parse("support.yaml", c.file(), DIRECTORY);
        RuleDecision d = rules.evaluate(c.mail.build());
        assertThat(d.action()).as("action; why: %s", d.why()).isEqualTo(c.action);
        assertThat(d.trace().rules().stream().filter(r -> r.outcome() == RuleTrace.Outcome.APPLIED)
                .map(RuleTrace::name)).as("applied rules").containsExactlyElementsOf(c.applied);
        assertThat(d.values()).as("extracted values").isEqualTo(c.values);
        assertThat(d.address()).isEqualTo("support");
        assertThat(d.comment() != null).as("comment target iff add comment").isEqualTo(d.action() == ADD_COMMENT);
        c.check.accept(d);
    }

    @org.junit.jupiter.api.Test
    void theSuiteIsLargeEnough() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(40);
    }
}
