package dev.mailtask.mail;

import java.util.Locale;

/** One mailbox of an address header: the address as written and the decoded display name ("" if none). */
public record MailAddress(String address, String name) {

    public MailAddress {
        address = address == null ? "" : address.trim();
        name = name == null ? "" : name.trim();
    }

    /** Lower-cased address, the form every lookup and comparison uses. */
    public String normalized() {
        return address.toLowerCase(Locale.ROOT);
    }

    public String localPart() {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at);
    }

    public String domain() {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
