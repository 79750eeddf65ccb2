package dev.mailtask.rules;

import dev.mailtask.mail.InboundMail;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of one address, in order (admin rules first), and its default rule. Immutable and thread-safe;
 * {@link #evaluate} is a pure function of the mail.
 *
 * <p>Evaluation: rules are tested top to bottom. Every matching rule is applied in order: its extractions
 * add named values, its settings ({@code createTask} settings, then {@code set}) override earlier ones, and
 * its main action, if it has one, replaces the one chosen so far — so the last matching rule with a main
 * action wins. A matching rule marked {@code onlyThisRule} is applied alone: earlier matches are dropped and
 * later rules are not tested (the first such rule wins). The default rule's settings are the base of the
 * merge; its action is taken when no applied rule has a main action.
 */
public final class RuleSet {

    private final String address;
    private final String description;
    private final String file;
    private final List<Rule> rules;
    private final DefaultRule defaultRule;

    RuleSet(String address, String description, String file, List<Rule> rules, DefaultRule defaultRule) {
        this.address = address;
        this.description = description;
        this.file = file;
        this.rules = List.copyOf(rules);
        this.defaultRule = defaultRule;
    }

    /** The rule set of an address without a rule file: no rules, the default creates a task. */
    public static RuleSet defaultOnly(String address) {
        return new RuleSet(address, null, null, List.of(), DefaultRule.CREATE_TASK);
    }

    /** The address's name as written in the file, lower-cased: {@code support}, {@code alice}, {@code project+1}. */
    public String address() {
        return address;
    }

    /** The file's description, or null. */
    public String description() {
        return description;
    }

    /** The file the rules came from, or null for {@link #defaultOnly}. */
    public String file() {
        return file;
    }

    /** Admin rules, then rules, in file order. */
    public List<Rule> rules() {
        return rules;
    }

    /** CREATE_TASK or IGNORE. */
    public RuleAction defaultAction() {
        return defaultRule.action().type();
    }

    public RuleDecision evaluate(InboundMail mail) {
        return evaluate(MailFacts.of(mail));
    }

    /** Evaluate against facts built once per mail (share them when a mail is for several addresses). */
    public RuleDecision evaluate(MailFacts facts) {
        int n = rules.size();
        List<List<ConditionTrace>> results = new ArrayList<>(n);
        boolean[] matched = new boolean[n];
        int only = -1;
        for (int i = 0; i < n; i++) {
            Rule rule = rules.get(i);
            List<ConditionTrace> conditions = Rule.newResults(rule);
            matched[i] = rule.test(facts, conditions);
            results.add(conditions);
            if (matched[i] && rule.onlyThisRule()) {
                only = i;
                break;
            }
        }

        Map<String, String> values = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, String>[] extracted = new Map[n];
        List<Rule> applied = new ArrayList<>();
        TaskPatch patch = defaultRule.base();
        Rule chooser = null;
        for (int i = only >= 0 ? only : 0; i < results.size(); i++) {
            if (!matched[i]) {
                continue;
            }
            Rule rule = rules.get(i);
            applied.add(rule);
            extracted[i] = rule.extract(facts);
            values.putAll(extracted[i]);
            if (rule.mainAction() != null) {
                chooser = rule;
                patch = patch.then(rule.mainAction().task());
            }
            patch = patch.then(rule.set());
        }

        Map<String, String> context = new HashMap<>(facts.builtins());
        context.putAll(values);
        List<String> notes = new ArrayList<>();
        MainAction chosen = chooser != null ? chooser.mainAction() : defaultRule.action();
        RuleAction action = chosen.type();
        CommentTarget comment = null;
        String why = reason(chooser, applied, only >= 0);
        if (action == RuleAction.ADD_COMMENT) {
            String reference = chosen.commentTask().render(context).strip();
            if (reference.isEmpty()) {
                action = chosen.ifNotFound().action();
                why = action.label() + " — rule '" + chooser.name() + "' would add a comment, but '"
                        + chosen.commentTask().text() + "' names no task (value not found); if not found: "
                        + chosen.ifNotFound().label();
            } else {
                comment = new CommentTarget(taskNumber(reference), reference, chosen.ifNotFound());
                why = "add comment to " + (comment.taskNumber() != null ? "task #" + comment.taskNumber()
                        : "the task found by '" + Words.shorten(reference) + "'") + " (if not found: "
                        + chosen.ifNotFound().label() + ")" + why.substring(why.indexOf(" — "));
            }
        }
        TaskSettings task = patch.render(context, notes);

        List<RuleTrace> traces = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Rule rule = rules.get(i);
            RuleTrace.Outcome outcome;
            if (i >= results.size()) {
                outcome = RuleTrace.Outcome.NOT_EVALUATED;
            } else if (!matched[i]) {
                outcome = RuleTrace.Outcome.NOT_MATCHED;
            } else {
                outcome = only >= 0 && i != only ? RuleTrace.Outcome.OVERRIDDEN : RuleTrace.Outcome.APPLIED;
            }
            traces.add(new RuleTrace(rule.name(), rule.section(), rule.line(), outcome, rule.when(),
                    i < results.size() ? List.copyOf(results.get(i)) : List.of(),
                    extracted[i] == null ? Map.of() : Map.copyOf(extracted[i]),
                    rule.action() == null ? null : rule.action().label()));
        }
        Trace trace = new Trace(address, file, List.copyOf(traces), defaultRule.action().type().label(),
                chooser == null, List.copyOf(notes), why);
        return new RuleDecision(address, action, task, comment, java.util.Collections.unmodifiableMap(values), trace);
    }

    private String reason(Rule chooser, List<Rule> applied, boolean only) {
        if (chooser != null) {
            String label = chooser.action().label();
            if (only) {
                return label + " — rule '" + chooser.name() + "' matched and is marked \"only this rule\"";
            }
            return label + " — chosen by rule '" + chooser.name() + "', the last matching rule with a main action"
                    + (applied.size() > 1 ? "; settings merged from rules " + names(applied) : "");
        }
        String label = defaultRule.action().type().label();
        if (applied.isEmpty()) {
            return label + " — no rule matched: the default rule applies";
        }
        return label + " — matching rule" + (applied.size() > 1 ? "s " : " ") + names(applied)
                + (only ? " (marked \"only this rule\")" : "") + " chose no main action: the default rule applies";
    }

    private static String names(List<Rule> rules) {
        StringBuilder b = new StringBuilder();
        for (Rule r : rules) {
            b.append(b.length() == 0 ? "" : ", ").append('\'').append(r.name()).append('\'');
        }
        return b.toString();
    }

    /** "4711" or "#4711" is task number 4711; anything else is a reference to look up some other way. */
    private static Long taskNumber(String reference) {
        String s = reference.startsWith("#") ? reference.substring(1).strip() : reference;
        if (!s.isEmpty() && s.length() <= 18 && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            long number = Long.parseLong(s);
            return number > 0 ? number : null;
        }
        return null;
    }

    @Override
    public String toString() {
        return "RuleSet[" + address + ", " + rules.size() + " rules, " + file + "]";
    }
}
