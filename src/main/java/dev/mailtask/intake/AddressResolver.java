package dev.mailtask.intake;

import dev.mailtask.directory.MailAccount;
import dev.mailtask.mail.InboundMail;
import dev.mailtask.mail.MailAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which of our addresses a mail is for. Envelope headers (Delivered-To, X-Original-To) come first, as a
 * catch-all mailbox receives mail for many addresses; then To, then Cc. Only addresses served by one of
 * our accounts count; each is resolved as a task address ({@code task+N@}, {@code task.N@}, {@code task+@}),
 * a project address ({@code project+N@}), a virtual address, or an employee's internal address
 * ({@code login@}), in that order.
 */
public final class AddressResolver {

    private static final Pattern PROJECT = Pattern.compile("project\\+(\\d{1,9})");
    private static final Pattern TASK = Pattern.compile("task[+.](\\d{1,18})");
    private static final String TASK_SEARCH = "task+";

    private final List<MailAccount> accounts;

    public AddressResolver(List<MailAccount> accounts) {
        this.accounts = List.copyOf(accounts);
    }

    /** True when mail to this address reaches one of our accounts. */
    public boolean isOurs(MailAddress address) {
        for (MailAccount account : accounts) {
            if (account.serves(address)) {
                return true;
            }
        }
        return false;
    }

    /** Our addresses among the recipients, in priority order, each resolved; empty when none is ours. */
    public List<Recipient> resolve(InboundMail mail, DirectoryLookup directory) {
        Set<String> seen = new LinkedHashSet<>();
        List<Recipient> recipients = new ArrayList<>();
        for (List<MailAddress> header : List.of(mail.deliveredTo(), mail.to(), mail.cc())) {
            for (MailAddress address : header) {
                if (isOurs(address) && seen.add(address.normalized())) {
                    recipients.add(resolveOne(address, directory));
                }
            }
        }
        return recipients;
    }

    private Recipient resolveOne(MailAddress address, DirectoryLookup directory) {
        String normalized = address.normalized();
        String local = address.localPart().toLowerCase(Locale.ROOT);
        Matcher task = TASK.matcher(local);
        if (task.matches()) {
            return directory.taskByNumber(Long.parseLong(task.group(1)))
                    .map(id -> new Recipient(normalized, Recipient.Kind.TASK, id))
                    .orElseGet(() -> new Recipient(normalized, Recipient.Kind.UNKNOWN, null));
        }
        if (local.equals(TASK_SEARCH)) {
            return new Recipient(normalized, Recipient.Kind.TASK_SEARCH, null);
        }
        Matcher project = PROJECT.matcher(local);
        if (project.matches()) {
            return directory.projectByNumber(Integer.parseInt(project.group(1)))
                    .map(id -> new Recipient(normalized, Recipient.Kind.PROJECT, id))
                    .orElseGet(() -> new Recipient(normalized, Recipient.Kind.UNKNOWN, null));
        }
        var virtual = directory.virtualAddressByName(local);
        if (virtual.isPresent()) {
            return new Recipient(normalized, Recipient.Kind.VIRTUAL_ADDRESS, virtual.get());
        }
        return directory.employeeByLogin(local)
                .map(id -> new Recipient(normalized, Recipient.Kind.EMPLOYEE, id))
                .orElseGet(() -> new Recipient(normalized, Recipient.Kind.UNKNOWN, null));
    }
}
