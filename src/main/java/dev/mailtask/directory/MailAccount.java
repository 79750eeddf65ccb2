package dev.mailtask.directory;

import dev.mailtask.mail.MailAddress;
import java.util.List;
import java.util.Locale;

/**
 * One external mailbox as configured in the accounts file.
 *
 * @param id                    stable name, used in route ids and message records
 * @param protocol              imap, imaps, pop3 or pop3s
 * @param password              a property placeholder such as {@code {{env:NAME}}}; never the secret itself
 * @param folder                folder to poll (IMAP); POP3 has only INBOX
 * @param pollDelayMillis       pause between polls
 * @param maxMessagesPerPoll    batch size of one poll
 * @param address               the account's own address (From of mail sent from it)
 * @param domains               every address at these domains is ours
 * @param addresses             further single addresses this mailbox receives
 * @param deleteAfterProcessing delete from the server once committed (else IMAP marks it seen)
 * @param quarantineFolder      IMAP folder unprocessable mail is moved to
 * @param smtp                  how mail goes out from this account; null for a receive-only account
 * @param signature             appended to every comment mailed from this account ("" for none)
 * @param defaultSender         the account mail goes out from when neither the client's account nor the
 *                              project's is known
 */
public record MailAccount(
        String id,
        String protocol,
        String host,
        int port,
        String username,
        String password,
        String folder,
        long pollDelayMillis,
        int maxMessagesPerPoll,
        String address,
        List<String> domains,
        List<String> addresses,
        boolean deleteAfterProcessing,
        String quarantineFolder,
        boolean enabled,
        Smtp smtp,
        String signature,
        boolean defaultSender) {

    /**
     * The account's outgoing server.
     *
     * @param protocol smtp or smtps
     * @param username null when the server takes mail without login
     * @param password a placeholder such as {@code {{env:NAME}}}, or null without login
     * @param starttls upgrade a plain connection with STARTTLS (required when true)
     */
    public record Smtp(String protocol, String host, int port, String username, String password, boolean starttls) {
    }

    public MailAccount {
        domains = domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
        addresses = addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        signature = signature == null ? "" : signature;
    }

    /** True when mail to this address reaches this account. */
    public boolean serves(MailAddress mailbox) {
        return domains.contains(mailbox.domain())
                || addresses.contains(mailbox.normalized())
                || address.equalsIgnoreCase(mailbox.address());
    }
}
