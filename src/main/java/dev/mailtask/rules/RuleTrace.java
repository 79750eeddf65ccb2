package dev.mailtask.rules;

import java.util.List;
import java.util.Map;

/**
 * How one rule came out for a mail.
 *
 * @param name       the rule's name
 * @param section    {@code adminRules} or {@code rules}
 * @param line       the rule's line in its file
 * @param outcome    whether it matched and was applied
 * @param when       its filter expression (the default "all conditions" written out)
 * @param conditions each condition's result; empty when the rule was not evaluated
 * @param extracted  the values it extracted (only for applied rules; values not found are absent)
 * @param action     its main action ({@code "create task"}, ...), or null when it only sets fields
 */
public record RuleTrace(
        String name,
        String section,
        int line,
        Outcome outcome,
        String when,
        List<ConditionTrace> conditions,
        Map<String, String> extracted,
        String action) {

    public enum Outcome {
        /** Matched; its extractions, settings and action took part in the decision. */
        APPLIED,
        /** Its filter expression was false. */
        NOT_MATCHED,
        /** Matched, but a later "only this rule" rule matched too and alone was applied. */
        OVERRIDDEN,
        /** Not looked at: an earlier "only this rule" rule matched. */
        NOT_EVALUATED
    }
}
