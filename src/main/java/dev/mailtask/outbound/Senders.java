package dev.mailtask.outbound;

import dev.mailtask.mail.MailAddress;

/**
 * The From of a comment mail (product §4.2): the address of the account the client wrote to, with the
 * virtual address's description as display name when it has one ("Acme Support"), else the author's name.
 * The description wins because the client wrote to that address and knows it by that name; a personal
 * account (an employee's login) has no description, so the author's name shows.
 */
public final class Senders {

    private Senders() {
    }

    /**
     * @param accountAddress     the account's address (checked like any address)
     * @param addressDescription the virtual address's description, or null/blank
     * @param authorName         the comment author's name, or null/blank (automatic mail)
     */
    public static MailAddress from(String accountAddress, String addressDescription, String authorName) {
        String address = HeaderText.address("from", accountAddress);
        String description = HeaderText.freeText(addressDescription);
        return new MailAddress(address, description.isEmpty() ? HeaderText.freeText(authorName) : description);
    }
}
