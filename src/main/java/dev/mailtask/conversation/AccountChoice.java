package dev.mailtask.conversation;

import dev.mailtask.directory.MailAccount;
import dev.mailtask.directory.Project;
import dev.mailtask.tasks.Task;
import java.util.List;
import java.util.Optional;

/** Which account mail about a task goes out from: the client's, else the project's, else the default one. */
public final class AccountChoice {

    private final List<MailAccount> accounts;
    private final java.util.Set<String> neverSend;

    public AccountChoice(List<MailAccount> accounts) {
        this(accounts, List.of());
    }

    /** @param neverSend addresses no mail is ever sent to */
    public AccountChoice(List<MailAccount> accounts, List<String> neverSend) {
        this.accounts = List.copyOf(accounts);
        this.neverSend = neverSend.stream().map(a -> a.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(a -> !a.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** False for our own addresses and for the never-send list. */
    public boolean mayMail(String email) {
        return !isOurs(email) && !neverSend.contains(email.toLowerCase(java.util.Locale.ROOT));
    }

    public Optional<MailAccount> forTask(Task task) {
        Optional<MailAccount> client = sending(task.accountId());
        if (client.isPresent()) {
            return client;
        }
        Project project = task.project();
        Optional<MailAccount> projects = project == null ? Optional.empty() : sending(project.accountId());
        return projects.isPresent() ? projects : system();
    }

    /** True for an address one of our accounts receives: we never send mail there (a loop in one step). */
    public boolean isOurs(String email) {
        dev.mailtask.mail.MailAddress address = new dev.mailtask.mail.MailAddress(email, "");
        return accounts.stream().anyMatch(a -> a.serves(address));
    }

    /** The default sending account (or the only one): notifications to employees go out from it. */
    public Optional<MailAccount> system() {
        return accounts.stream().filter(a -> a.smtp() != null && a.defaultSender()).findFirst()
                .or(() -> accounts.stream().filter(a -> a.smtp() != null).findFirst());
    }

    private Optional<MailAccount> sending(String id) {
        return id == null ? Optional.empty()
                : accounts.stream().filter(a -> a.id().equals(id) && a.smtp() != null).findFirst();
    }
}
