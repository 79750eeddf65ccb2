package dev.mailtask.demo;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Locale;

/**
 * The demo profile's mail server, like a developer's mail catcher: SMTP accepts mail for any address;
 * mail for the demo domain lands in one catch-all mailbox (the one the bundle polls), mail for any other
 * address in a mailbox of its own, so outgoing mail can be read too. Any mailbox can be opened over IMAP
 * with any password (the README says {@code demo}).
 */
public final class DemoMailServer implements AutoCloseable {

    private final GreenMail greenMail;

    public DemoMailServer(String host, int smtpPort, int imapPort, String domain, String catchAllMailbox) {
        greenMail = new NoDelayGreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, host, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, host, ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        String demoDomain = "@" + domain.toLowerCase(Locale.ROOT);
        UserManager users = greenMail.getUserManager();
        users.setMessageDeliveryHandler((message, address) -> {
            String email = address.getEmail().toLowerCase(Locale.ROOT);
            return mailbox(users, email.endsWith(demoDomain) ? catchAllMailbox : email);
        });
    }

    private static GreenMailUser mailbox(UserManager users, String email) throws com.icegreen.greenmail.user.UserException {
        synchronized (users) {
            GreenMailUser user = users.getUserByEmail(email);
            return user != null ? user : users.createUser(email, email, "demo");
        }
    }

    public void start() {
        greenMail.start();
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
