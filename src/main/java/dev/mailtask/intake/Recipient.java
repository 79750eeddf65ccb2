package dev.mailtask.intake;

/**
 * One of our addresses a mail is for, as resolved against the directory.
 *
 * @param address the address as written in the mail, lower-cased
 * @param kind    what the address is
 * @param id      database id of the employee, virtual address or project; null when {@code UNKNOWN}
 */
public record Recipient(String address, Kind kind, Long id) {

    public enum Kind {
        EMPLOYEE,
        VIRTUAL_ADDRESS,
        PROJECT,
        /** At one of our domains but nothing there: an old login, a deleted virtual address. */
        UNKNOWN
    }

    public boolean known() {
        return kind != Kind.UNKNOWN;
    }
}
