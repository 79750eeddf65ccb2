package dev.mailtask.rules;

import java.util.List;

/**
 * Why a rule set decided what it did: every rule's outcome with its conditions, and one line of reason.
 * Plain records all the way down, for the message log and the REST API (JSON).
 *
 * @param address       the rule set's address
 * @param file          the rule file
 * @param rules         every rule in order (admin rules first)
 * @param defaultAction the default rule's action ({@code "create task"} or {@code "ignore"})
 * @param defaultUsed   true when no applied rule chose a main action, so the default rule's action was taken
 * @param notes         problems met while filling in the settings (e.g. an extracted project that is not a
 *                      number); empty when none
 * @param why           one line: the action and which rule chose it
 */
public record Trace(
        String address,
        String file,
        List<RuleTrace> rules,
        String defaultAction,
        boolean defaultUsed,
        List<String> notes,
        String why) {
}
