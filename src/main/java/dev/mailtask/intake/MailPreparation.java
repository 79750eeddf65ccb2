package dev.mailtask.intake;

import dev.mailtask.mail.ContentBudget;
import dev.mailtask.mail.HtmlSanitizer;
import dev.mailtask.mail.InboundMail;
import dev.mailtask.mail.MailAddress;
import dev.mailtask.mail.MailParseException;
import dev.mailtask.mail.MailParser;
import dev.mailtask.mail.reply.ReplyText;
import dev.mailtask.rules.MailFacts;
import dev.mailtask.rules.RuleDecision;
import dev.mailtask.rules.RuleSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All the work on what a mail says, once per mail, before any transaction and ahead of nothing else: the
 * parse, the HTML as it may be shown, the text of a reply, the rules of the addresses it is for. Every stage
 * is linear in the mail; on top, the whole runs on a {@link ContentBudget} (a few seconds), so a mail that
 * still takes longer is quarantined, naming the stage, and the mail behind it goes on at once.
 */
final class MailPreparation {

    private final MailParser parser;
    private final AddressResolver resolver;
    private final RuleBook rules;
    private volatile Duration budget = Duration.ofSeconds(5);

    MailPreparation(MailParser parser, AddressResolver resolver, RuleBook rules) {
        this.parser = parser;
        this.resolver = resolver;
        this.rules = rules;
    }

    /** The time one mail's content may take. */
    void setBudget(Duration budget) {
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the content budget must be positive, not " + budget);
        }
        this.budget = budget;
    }

    Duration budget() {
        return budget;
    }

    /** A mail that did not fit its budget; {@link #mail()} is its parse when that was done. */
    static final class OverBudget extends Exception {
        private final transient InboundMail mail;

        OverBudget(ContentBudget.Exceeded cause, InboundMail mail) {
            super(cause.getMessage(), cause);
            this.mail = mail;
        }

        InboundMail mail() {
            return mail;
        }

        /** What a person reading the quarantine needs to know besides the reason. */
        String advice() {
            return "content budget: mailtask.intake.content-budget; reprocess the mail when it is raised or the"
                    + " machine is less busy";
        }
    }

    PreparedMail prepare(ReceivedMail received) throws MailParseException, OverBudget {
        InboundMail[] parsed = new InboundMail[1];
        try {
            return ContentBudget.run(budget, () -> {
                parsed[0] = parser.parse(received.raw());
                return prepare(parsed[0]);
            });
        } catch (ContentBudget.Exceeded e) {
            throw new OverBudget(e, parsed[0]);
        }
    }

    /** The parse alone, within the budget (to describe a mail that failed later). */
    InboundMail parse(byte[] raw) throws MailParseException {
        return ContentBudget.run(budget, () -> parser.parse(raw));
    }

    private PreparedMail prepare(InboundMail mail) {
        String safeHtml = HtmlSanitizer.sanitize(mail.htmlBody());
        String commentText = commentText(mail);
        MailFacts facts = MailFacts.of(mail);
        Map<String, RuleDecision> rulings = new HashMap<>();
        int seen = 0;
        for (List<MailAddress> header : List.of(mail.deliveredTo(), mail.to(), mail.cc())) {
            for (MailAddress address : header) {
                if ((++seen & 0x3FF) == 0) {
                    ContentBudget.check("rule evaluation");
                }
                String key = PreparedMail.key(address.localPart());
                if (rulings.containsKey(key) || !resolver.isOurs(address)) {
                    continue;
                }
                Optional<RuleSet> set = rules.forAddress(key);
                if (set.isPresent()) {
                    rulings.put(key, set.get().evaluate(facts));
                }
            }
        }
        return new PreparedMail(mail, safeHtml, commentText, rulings, facts);
    }

    /**
     * A mail's text as its comment: only what the sender wrote, quoted text and signature cut (the raw mail
     * keeps the rest); the whole text when nothing is left.
     */
    static String commentText(InboundMail mail) {
        String reply = ReplyText.extract(mail).text();
        return reply.isBlank() ? mail.textBody() : reply;
    }
}
