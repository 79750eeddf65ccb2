package dev.mailtask.intake;

/**
 * A mail as fetched from an account's mailbox, before anything is decided about it.
 *
 * @param reprocessing the id of the message record being processed again, or null for a new mail
 */
public record ReceivedMail(String accountId, byte[] raw, Long reprocessing) {

    public ReceivedMail(String accountId, byte[] raw) {
        this(accountId, raw, null);
    }

    @Override
    public String toString() {
        return "ReceivedMail[" + accountId + ", " + raw.length + " bytes"
                + (reprocessing == null ? "" : ", again as message " + reprocessing) + "]";
    }
}
