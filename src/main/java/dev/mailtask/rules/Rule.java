package dev.mailtask.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One rule of a rule file, compiled: conditions, filter expression, extractions, actions. Immutable. */
public final class Rule {

    private final String name;
    private final String section;
    private final int line;
    private final List<Condition> conditions;
    private final Expression expression;
    private final String when;
    private final List<Extraction> extractions;
    private final MainAction action;
    private final TaskPatch set;
    private final boolean onlyThisRule;

    Rule(String name, String section, int line, List<Condition> conditions, Expression expression, String when,
            List<Extraction> extractions, MainAction action, TaskPatch set, boolean onlyThisRule) {
        this.name = name;
        this.section = section;
        this.line = line;
        this.conditions = List.copyOf(conditions);
        this.expression = expression;
        this.when = when;
        this.extractions = List.copyOf(extractions);
        this.action = action;
        this.set = set;
        this.onlyThisRule = onlyThisRule;
    }

    public String name() {
        return name;
    }

    /** {@code adminRules} or {@code rules}. */
    public String section() {
        return section;
    }

    public int line() {
        return line;
    }

    /** The filter expression as written, or the default (all conditions joined by "and"). */
    public String when() {
        return when;
    }

    public int conditionCount() {
        return conditions.size();
    }

    /** The main action, or null when the rule only extracts values and sets task fields. */
    public RuleAction action() {
        return action == null ? null : action.type();
    }

    public boolean onlyThisRule() {
        return onlyThisRule;
    }

    List<Condition> conditions() {
        return conditions;
    }

    MainAction mainAction() {
        return action;
    }

    TaskPatch set() {
        return set;
    }

    List<Extraction> extractions() {
        return extractions;
    }

    /** Tests every condition (all of them, for the trace) and the filter expression. */
    boolean test(MailFacts facts, List<ConditionTrace> results) {
        boolean[] values = new boolean[conditions.size()];
        for (int i = 0; i < values.length; i++) {
            ConditionTrace t = conditions.get(i).test(facts);
            values[i] = t.result();
            results.add(t);
        }
        return expression.evaluate(values);
    }

    Map<String, String> extract(MailFacts facts) {
        if (extractions.isEmpty()) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Extraction e : extractions) {
            String v = e.extract(facts);
            if (v != null) {
                values.putIfAbsent(e.name(), v); // several extractions of one name: the first that finds wins
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return "rule '" + name + "'";
    }

    static List<ConditionTrace> newResults(Rule rule) {
        return new ArrayList<>(rule.conditions.size());
    }
}
