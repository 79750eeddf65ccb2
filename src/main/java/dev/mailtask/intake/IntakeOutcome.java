package dev.mailtask.intake;

/**
 * What was written for one mail.
 *
 * @param messageId  id of the message record (a duplicate has a record of its own)
 * @param taskNumber number of the task created, or null
 */
public record IntakeOutcome(IntakeAction action, MessageStatus status, Long messageId, Long taskId, Long taskNumber,
        String summary) {

    public boolean quarantined() {
        return status == MessageStatus.QUARANTINED;
    }
}
