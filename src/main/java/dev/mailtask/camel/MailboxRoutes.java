package dev.mailtask.camel;

import dev.mailtask.directory.MailAccount;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;

/**
 * One poller route per enabled account, each made from the {@code mailbox-poller} route template in
 * {@code routes/mailbox.camel.yaml}. Camel adds templated routes after every other route, so the template
 * is there by then.
 */
public final class MailboxRoutes extends RouteBuilder {

    private final List<MailAccount> accounts;

    public MailboxRoutes(List<MailAccount> accounts) {
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
        }
    }
}
