package dev.mailtask.camel;

import dev.mailtask.directory.MailAccount;
import java.util.List;
import java.util.Properties;
import org.apache.camel.builder.RouteBuilder;

/**
 * The routes of each enabled account: a poller from the {@code mailbox-poller} template
 * ({@code routes/mailbox.camel.yaml}) and, when it sends mail, a sender {@code direct:smtp-<id>} from the
 * {@code smtp-sender} or {@code smtp-sender-anonymous} template ({@code routes/outbox.camel.yaml}). Camel adds
 * templated routes after every other route, so the templates are there by then.
 */
public final class AccountRoutes extends RouteBuilder {

    private final List<MailAccount> accounts;

    public AccountRoutes(List<MailAccount> accounts) {
        this.accounts = List.copyOf(accounts);
    }

    @Override
    public void configure() {
        for (MailAccount account : accounts) {
            if (!account.enabled()) {
                continue;
            }
            templatedRoute("mailbox-poller")
                    .routeId("mailbox-" + account.id())
                    .parameter("accountId", account.id())
                    .parameter("protocol", account.protocol())
                    .parameter("host", account.host())
                    .parameter("port", String.valueOf(account.port()))
                    .parameter("username", account.username())
                    .parameter("password", account.password())
                    .parameter("folder", account.folder())
                    .parameter("pollDelay", String.valueOf(account.pollDelayMillis()))
                    .parameter("maxMessagesPerPoll", String.valueOf(account.maxMessagesPerPoll()))
                    .parameter("deleteAfterProcessing", String.valueOf(account.deleteAfterProcessing()))
                    .parameter("quarantineFolder", account.quarantineFolder());
            MailAccount.Smtp smtp = account.smtp();
            if (smtp == null) {
                continue;
            }
            var sender = templatedRoute(smtp.username() == null ? "smtp-sender-anonymous" : "smtp-sender")
                    .routeId("smtp-" + account.id())
                    .parameter("accountId", account.id())
                    .parameter("protocol", smtp.protocol())
                    .parameter("host", smtp.host())
                    .parameter("port", String.valueOf(smtp.port()));
            getCamelContext().getRegistry().bind("mailtaskSmtpProperties-" + account.id(), smtpProperties(smtp));
            if (smtp.username() != null) {
                sender.parameter("username", smtp.username()).parameter("password", smtp.password());
            }
        }
    }

    /** Jakarta Mail settings of a sender: STARTTLS when the account asks for it, and timeouts. */
    static Properties smtpProperties(MailAccount.Smtp smtp) {
        Properties p = new Properties();
        String prefix = "mail." + smtp.protocol() + ".";
        if (smtp.starttls()) {
            p.setProperty(prefix + "starttls.enable", "true");
            p.setProperty(prefix + "starttls.required", "true");
        }
        p.setProperty(prefix + "connectiontimeout", "30000");
        p.setProperty(prefix + "timeout", "60000");
        p.setProperty(prefix + "writetimeout", "60000");
        return p;
    }
}
