package dev.mailtask.intake;

import dev.mailtask.mail.InboundMail;
import dev.mailtask.rules.TaskSettings;
import dev.mailtask.rules.Trace;
import java.util.List;

/**
 * The decision for one mail, made before anything is written.
 *
 * @param mail       the parsed mail; null when it could not be parsed
 * @param messageKey Message-ID and content hash, or {@code sha256:<hex>} of the content (see IntakeService.messageKey)
 * @param recipients our addresses the mail is for, resolved
 * @param reason     one line saying why, for the message log
 * @param error      the parse error when {@code action} is QUARANTINE
 * @param taskId     the task an ADD_COMMENT goes to
 * @param title      the title a CREATE_TASK gives the task
 * @param notifyPeople false when the subject said {@code @nonotify}
 * @param settings     what the addresses' rules set for the task (merged; {@link TaskSettings#NONE} without rules)
 * @param traces       each addressed rule set's trace, in address order; empty when no address has rules
 * @param bouncedOutboxId the outbox mail a bounce reports on (its reason in {@code error}), or null
 * @param answersComment  for a reply: the comment it answers (its notified people are told of the reply)
 * @param content      what was worked out from the mail's content before the decision (the HTML as it may be
 *                     shown, the comment text); null when the mail could not be read or was over its budget
 */
public record IntakeDecision(
        IntakeAction action,
        ReceivedMail received,
        InboundMail mail,
        String messageKey,
        List<Recipient> recipients,
        String reason,
        String error,
        Long taskId,
        String title,
        boolean notifyPeople,
        TaskSettings settings,
        List<Trace> traces,
        Long bouncedOutboxId,
        Long answersComment,
        PreparedMail content) {

    public IntakeDecision {
        settings = settings == null ? TaskSettings.NONE : settings;
        traces = traces == null ? List.of() : List.copyOf(traces);
    }

    /** A decision whose content is attached afterwards ({@link #withContent}). */
    public IntakeDecision(IntakeAction action, ReceivedMail received, InboundMail mail, String messageKey,
            List<Recipient> recipients, String reason, String error, Long taskId, String title, boolean notifyPeople,
            TaskSettings settings, List<Trace> traces, Long bouncedOutboxId, Long answersComment) {
        this(action, received, mail, messageKey, recipients, reason, error, taskId, title, notifyPeople, settings,
                traces, bouncedOutboxId, answersComment, null);
    }

    /** This decision with the mail's prepared content. */
    IntakeDecision withContent(PreparedMail prepared) {
        return new IntakeDecision(action, received, mail, messageKey, recipients, reason, error, taskId, title,
                notifyPeople, settings, traces, bouncedOutboxId, answersComment, prepared);
    }

    /** A decision that writes only the message record (reject, quarantine, duplicate). */
    static IntakeDecision recordOnly(IntakeAction action, ReceivedMail received, InboundMail mail, String key,
            List<Recipient> recipients, String reason, String error) {
        return new IntakeDecision(action, received, mail, key, recipients, reason, error, null, null, true, null,
                null, null, null);
    }

    public IntakeDecision withReason(String newReason) {
        return new IntakeDecision(action, received, mail, messageKey, recipients, newReason, error, taskId, title,
                notifyPeople, settings, traces, bouncedOutboxId, answersComment);
    }

    public String accountId() {
        return received.accountId();
    }

    @Override
    public String toString() {
        return "IntakeDecision[" + action + ", " + received.accountId() + ", " + messageKey + ": " + reason + "]";
    }
}
