package dev.mailtask.it;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import dev.mailtask.demo.NoDelayGreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real mail server for the tests (GreenMail on dynamic ports: SMTP, IMAP, POP3). Mail for the test domain
 * lands in one catch-all mailbox, like the mailbox a company forwards its addresses to.
 */
final class TestMailServer implements AutoCloseable {

    static final String DOMAIN = "test.mailtask";
    static final String MAILBOX = "inbox@" + DOMAIN;
    static final String PASSWORD = "s3cret-mailbox-pw";

    private final RestartableGreenMail greenMail;
    /** Domain → the mailbox that takes all its mail. */
    private final Map<String, String> catchAll = new ConcurrentHashMap<>(Map.of(DOMAIN, MAILBOX));

    TestMailServer() {
        greenMail = new RestartableGreenMail(ServerSetup.dynamicPort(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3)}));
        greenMail.start();
        greenMail.setUser(MAILBOX, MAILBOX, PASSWORD);
        UserManager users = greenMail.getUserManager();
        users.setMessageDeliveryHandler((message, address) -> {
            String email = address.getEmail().toLowerCase(Locale.ROOT);
            return mailbox(users, catchAll.getOrDefault(email.substring(email.lastIndexOf('@') + 1), email));
        });
    }

    /** From now on all mail for {@code domain} lands in {@code mailbox}, as the test domain's does in MAILBOX. */
    void catchAll(String domain, String mailbox) {
        catchAll.put(domain, mailbox);
    }

    private static GreenMailUser mailbox(UserManager users, String email) throws UserException {
        synchronized (users) {
            GreenMailUser user = users.getUserByEmail(email);
            return user != null ? user : users.createUser(email, email, PASSWORD);
        }
    }

    int smtpPort() {
        return greenMail.port(ServerSetup.PROTOCOL_SMTP);
    }

    int imapPort() {
        return greenMail.port(ServerSetup.PROTOCOL_IMAP);
    }

    int pop3Port() {
        return greenMail.port(ServerSetup.PROTOCOL_POP3);
    }

    /** Sends the mail byte for byte over SMTP to the given envelope recipients. */
    void send(byte[] raw, String... recipients) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(smtpPort()));
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
        InternetAddress[] to = new InternetAddress[recipients.length];
        for (int i = 0; i < recipients.length; i++) {
            to[i] = new InternetAddress(recipients[i]);
        }
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            // sendMessage, unlike Transport.send, does not rewrite headers such as Message-ID
            transport.sendMessage(message, to);
        }
    }

    /** Puts the mail straight into the catch-all mailbox, as the server's delivery would (no SMTP). */
    void deliver(byte[] raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        greenMail.getUserManager().getUserByEmail(MAILBOX).deliver(message);
    }

    /** Flags (seen or not) of the mails in a folder of the catch-all mailbox, read over IMAP. */
    List<Boolean> seenFlags(String folderName) throws Exception {
        try (Store store = imapStore()) {
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                return List.of();
            }
            folder.open(Folder.READ_ONLY);
            List<Boolean> flags = new ArrayList<>();
            for (Message m : folder.getMessages()) {
                try {
                    if (!m.isSet(Flags.Flag.DELETED)) {
                        flags.add(m.isSet(Flags.Flag.SEEN));
                    }
                } catch (jakarta.mail.MessagingException e) {
                    // expunged by the bundle while we looked: it is gone, which is what we would see next time
                }
            }
            folder.close(false);
            return flags;
        }
    }

    /**
     * The mails in someone's inbox (any address: each has a mailbox of its own here), as received. Read with
     * BODY.PEEK: a bundle may poll this mailbox for unseen mail, and reading must not mark it seen.
     */
    List<MimeMessage> inboxOf(String address) throws Exception {
        Properties props = new Properties();
        props.put("mail.imap.peek", "true");
        Session session = Session.getInstance(props);
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", imapPort(), address, PASSWORD);
            Folder folder = store.getFolder("INBOX");
            folder.open(Folder.READ_ONLY);
            List<MimeMessage> mails = new ArrayList<>();
            for (Message m : folder.getMessages()) {
                java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
                m.writeTo(raw);
                mails.add(new MimeMessage(session, new ByteArrayInputStream(raw.toByteArray())));
            }
            folder.close(false);
            return mails;
        } catch (jakarta.mail.AuthenticationFailedException e) {
            return List.of();
        }
    }

    /** Message-IDs of the mails in a folder of the catch-all mailbox (with angle brackets). */
    List<String> messageIdsIn(String folderName) throws Exception {
        try (Store store = imapStore()) {
            Folder folder = store.getFolder(folderName);
            if (!folder.exists()) {
                return List.of();
            }
            folder.open(Folder.READ_ONLY);
            List<String> ids = new ArrayList<>();
            for (Message m : folder.getMessages()) {
                String[] id = m.getHeader("Message-ID");
                if (id != null && !m.isSet(Flags.Flag.DELETED)) {
                    ids.add(id[0].strip());
                }
            }
            folder.close(false);
            return ids;
        }
    }

    /** Marks every mail in the inbox unseen again, as if the server had lost the flags. */
    void markAllUnseen() throws Exception {
        try (Store store = imapStore()) {
            Folder folder = store.getFolder("INBOX");
            folder.open(Folder.READ_WRITE);
            folder.setFlags(1, folder.getMessageCount(), new Flags(Flags.Flag.SEEN), false);
            folder.close(false);
        }
    }

    private Store imapStore() throws Exception {
        Properties props = new Properties();
        Session session = Session.getInstance(props);
        Store store = session.getStore("imap");
        store.connect("127.0.0.1", imapPort(), MAILBOX, PASSWORD);
        return store;
    }

    /** Stops one protocol's server (e.g. {@code smtp}): the port refuses connections, open ones are cut. */
    void stopServer(String protocol) {
        greenMail.stopServer(protocol);
    }

    /** Starts a stopped protocol's server again on the same port, over the same mailboxes. */
    void startServer(String protocol) throws InterruptedException {
        greenMail.startServer(protocol);
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    /** GreenMail whose servers can go down and come back one by one while the mail store lives on. */
    private static final class RestartableGreenMail extends NoDelayGreenMail {

        private final java.util.Map<String, Integer> stoppedPorts = new java.util.HashMap<>();

        RestartableGreenMail(ServerSetup[] setups) {
            super(setups);
        }

        synchronized void stopServer(String protocol) {
            com.icegreen.greenmail.server.AbstractServer server = services.get(protocol);
            stoppedPorts.put(protocol, server.getPort());
            server.stopService();
        }

        synchronized void startServer(String protocol) throws InterruptedException {
            ServerSetup setup = new ServerSetup(stoppedPorts.remove(protocol), "127.0.0.1", protocol);
            com.icegreen.greenmail.server.AbstractServer server =
                    createServices(new ServerSetup[] {setup}, getManagers()).get(protocol);
            services.put(protocol, server);
            server.startService();
            if (!server.waitTillRunning(10_000)) {
                throw new IllegalStateException(protocol + " server did not start again on port " + setup.getPort());
            }
        }
    }
}
