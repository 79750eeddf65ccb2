package dev.mailtask.api;

import dev.mailtask.config.ConfigException;
import dev.mailtask.intake.IntakeDecision;
import dev.mailtask.intake.IntakeService;
import dev.mailtask.intake.ReceivedMail;
import dev.mailtask.intake.Recipient;
import dev.mailtask.intake.RuleBook;
import dev.mailtask.rules.RuleFileError;
import dev.mailtask.rules.TaskSettings;
import dev.mailtask.rules.Trace;

import java.util.List;

/**
 * Rules over REST: every address's rule set (files read-only, REST-managed ones editable, same YAML and the
 * same validation), and the dry run: what a mail would become, with the full trace, without side effects.
 */
public final class RulesApi {

    private final RuleBook rules;
    private final IntakeService intake;
    private final String defaultAccount;

    public RulesApi(RuleBook rules, IntakeService intake, String defaultAccount) {
        this.rules = rules;
        this.intake = intake;
        this.defaultAccount = defaultAccount;
    }

    public record RuleSetInfo(String address, String description, String source, boolean readOnly, boolean active,
            int rules, String defaultAction) {
    }

    public record Listing(List<RuleSetInfo> ruleSets, List<RuleFileError> rejectedFiles) {
    }

    public record Stored(String address, int rules, String defaultAction) {
    }

    public record DryRun(String action, String reason, List<Recipient> recipients, Long taskId, String title,
            TaskSettings settings, List<Trace> traces) {
    }

    public Listing list() {
        return new Listing(rules.entries().stream().map(e -> new RuleSetInfo(e.address(), e.ruleSet().description(),
                e.source(), e.readOnly(), e.active(), e.ruleSet().rules().size(),
                e.ruleSet().defaultAction().label())).toList(), rules.errors());
    }

    /** The YAML of an address's rules. */
    public String source(String address) {
        return rules.source(address).orElseThrow(() -> ApiException.notFound("no rules for address '" + address + "'"));
    }

    public Stored store(String address, String yaml) {
        try {
            var set = rules.store(address, yaml == null ? "" : yaml);
            return new Stored(set.address(), set.rules().size(), set.defaultAction().label());
        } catch (ConfigException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        }
    }

    public void delete(String address) {
        try {
            if (!rules.delete(address)) {
                throw ApiException.notFound("no rules stored for address '" + address + "'");
            }
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        }
    }

    /** A raw mail ({@code message/rfc822}) through parsing, address resolution and rules; nothing is written. */
    public DryRun dryRun(byte[] raw, String account) {
        if (raw == null || raw.length == 0) {
            throw ApiException.badRequest("send the mail itself as the body (Content-Type: message/rfc822)");
        }
        IntakeDecision d = intake.dryRun(new ReceivedMail(account == null || account.isBlank() ? defaultAccount
                : account, raw));
        return new DryRun(d.action().name(), d.reason() + (d.error() == null ? "" : ": " + d.error()),
                d.recipients(), d.taskId(), d.title(), d.settings(), d.traces());
    }
}
