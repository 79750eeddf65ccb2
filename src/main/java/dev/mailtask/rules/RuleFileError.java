package dev.mailtask.rules;

import dev.mailtask.config.ConfigException;

/**
 * A rule file that was rejected, and why. The file's previous rules (if it had any) stay active.
 *
 * @param file    the file as loaded (e.g. {@code config/rules/support.yaml})
 * @param line    1-based line of the problem, 0 when it concerns the whole file
 * @param message {@code file:line: reason}, ready for a log line or a REST answer
 */
public record RuleFileError(String file, int line, String message) {

    static RuleFileError of(ConfigException e) {
        return new RuleFileError(e.file(), e.line(), e.getMessage());
    }
}
