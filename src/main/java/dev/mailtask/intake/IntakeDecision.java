package dev.mailtask.intake;

import dev.mailtask.mail.InboundMail;
import java.util.List;

/**
 * The decision for one mail, made before anything is written.
 *
 * @param mail       the parsed mail; null when it could not be parsed
 * @param messageKey Message-ID, or {@code sha256:<hex>} of the raw bytes
 * @param recipients our addresses the mail is for, resolved
 * @param reason     one line saying why, for the message log
 * @param error      the parse error when {@code action} is QUARANTINE
 */
public record IntakeDecision(
        IntakeAction action,
        ReceivedMail received,
        InboundMail mail,
        String messageKey,
        List<Recipient> recipients,
        String reason,
        String error) {

    public String accountId() {
        return received.accountId();
    }

    @Override
    public String toString() {
        return "IntakeDecision[" + action + ", " + received.accountId() + ", " + messageKey + ": " + reason + "]";
    }
}
