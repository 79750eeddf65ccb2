package dev.mailtask.intake;

/** A mail as fetched from an account's mailbox, before anything is decided about it. */
public record ReceivedMail(String accountId, byte[] raw) {

    @Override
    public String toString() {
        return "ReceivedMail[" + accountId + ", " + raw.length + " bytes]";
    }
}
