package dev.mailtask.rules;

/**
 * How one condition of a rule came out for a mail.
 *
 * @param number the condition's number in its rule (1-based), as the filter expression names it
 * @param test   the condition in words, e.g. {@code subject contains "invoice"}
 * @param result whether it holds
 * @param actual what it looked at, at most 80 characters on one line: the matching value (around the
 *               match) when it holds, else the values it saw, or {@code (none)} when the mail has none
 */
public record ConditionTrace(int number, String test, boolean result, String actual) {
}
