package dev.mailtask.intake;

import dev.mailtask.mail.InboundMail;
import dev.mailtask.rules.MailFacts;
import dev.mailtask.rules.RuleDecision;
import dev.mailtask.rules.RuleSet;
import java.util.Locale;
import java.util.Map;

/**
 * A mail and what intake works out from its content, done once before any transaction ({@link MailPreparation}).
 *
 * @param mail        the parsed mail
 * @param safeHtml    its HTML body as it may be shown ({@link dev.mailtask.mail.HtmlSanitizer}), or null
 * @param commentText its text as a comment: what the sender wrote this time, quotes and signature cut (the
 *                    whole text when nothing is left)
 * @param rulings     the decision of each rule set among the mail's addresses, by address (the part before '@')
 * @param facts       what rules look at, for an address whose rules are not among {@code rulings}
 */
public record PreparedMail(InboundMail mail, String safeHtml, String commentText, Map<String, RuleDecision> rulings,
        MailFacts facts) {

    public PreparedMail {
        rulings = Map.copyOf(rulings);
    }

    /** The decision of the rules of an address (its local part): worked out already, or its default rule. */
    public RuleDecision ruling(String localPart) {
        String key = key(localPart);
        RuleDecision ruled = rulings.get(key);
        return ruled != null ? ruled : RuleSet.defaultOnly(key).evaluate(facts);
    }

    static String key(String localPart) {
        return localPart.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "PreparedMail[" + mail.messageId() + ", rules of " + rulings.keySet() + "]";
    }
}
