package dev.mailtask.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtask.camel.MailtaskMain;
import dev.mailtask.store.Database;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.mailtask.intake.MessageRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The real bundle, started in the test's JVM from the real configuration files with test overrides: its own
 * database, accounts pointing at the test mail server, a free HTTP port.
 */
final class TestBundle extends ApiClient implements AutoCloseable {

    private final Main main;

    private TestBundle(Main main, int httpPort) {
        super(httpPort);
        this.main = main;
    }

    /** Settings for one bundle: database URL and accounts file; more overrides may be added. */
    static Map<String, String> settings(Path dir, String dbUrl, String accountsYaml) throws IOException {
        Path accounts = dir.resolve("accounts.yaml");
        Files.writeString(accounts, accountsYaml, StandardCharsets.UTF_8);
        Map<String, String> overrides = new HashMap<>();
        overrides.put("mailtask.db.url", dbUrl);
        overrides.put("mailtask.db.connection-timeout", "1000");
        overrides.put("mailtask.accounts.file", accounts.toString());
        overrides.put("mailtask.seed.file", "src/test/resources/seed-test.yaml");
        // No rules unless a test brings its own: the shipped examples would steer every test's mail.
        overrides.put("mailtask.rules.dir", Files.createDirectories(dir.resolve("no-rules")).toString());
        overrides.put("mailtask.api.token", TOKEN);
        overrides.put("test.mail.password", TestMailServer.PASSWORD);
        return overrides;
    }

    /** Settings for a bundle on an HSQLDB file database in {@code dir}, polling the test server over IMAP. */
    static Map<String, String> imapSettings(Path dir, TestMailServer mail) throws IOException {
        return settings(dir, "jdbc:hsqldb:file:" + dir.resolve("db/mailtask"), imapAccount(mail, "200ms"));
    }

    static String imapAccount(TestMailServer mail, String pollDelay) {
        return """
                accounts:
                  - id: test-imap
                    protocol: imap
                    host: 127.0.0.1
                    port: %d
                    username: %s
                    password: "{{test.mail.password}}"
                    pollDelay: %s
                    address: support@%s
                    domains: [%s]
                    smtp:
                      host: 127.0.0.1
                      port: %d
                      starttls: false
                    signature: "--\\nTest support"
                    default: true
                """.formatted(mail.imapPort(), TestMailServer.MAILBOX, pollDelay, TestMailServer.DOMAIN,
                TestMailServer.DOMAIN, mail.smtpPort());
    }

    static String pop3Account(TestMailServer mail, boolean delete) {
        return """
                accounts:
                  - id: test-pop3
                    protocol: pop3
                    host: 127.0.0.1
                    port: %d
                    username: %s
                    password: "{{test.mail.password}}"
                    pollDelay: 200ms
                    address: support@%s
                    domains: [%s]
                    deleteAfterProcessing: %s
                """.formatted(mail.pop3Port(), TestMailServer.MAILBOX, TestMailServer.DOMAIN, TestMailServer.DOMAIN,
                delete);
    }

    static TestBundle start(Map<String, String> overrides) throws Exception {
        TestBundle bundle = startLater(overrides);
        bundle.startNow();
        return bundle;
    }

    /** Configured and initialised (the CamelContext exists, for a NotifyBuilder) but not started. */
    static TestBundle startLater(Map<String, String> overrides) throws Exception {
        int port = freePort();
        Map<String, String> all = new HashMap<>(overrides);
        all.put("mailtask.http.port", String.valueOf(port));
        Main main = MailtaskMain.create(null, all);
        main.init();
        return new TestBundle(main, port);
    }

    void startNow() throws Exception {
        main.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    CamelContext camel() {
        return main.getCamelContext();
    }

    Database database() {
        return camel().getRegistry().lookupByNameAndType("mailtaskDatabase", Database.class);
    }

    /** Mails ever queued to this address (sent or not): written with the intake's outcome, so never early. */
    long outboxTo(String address) {
        return database().inTransaction(s -> s.createSelectionQuery(
                "select count(o) from OutboxMail o where o.recipient = :r", Long.class).setParameter("r", address)
                .getSingleResult());
    }

    /** The record of the (first) mail with this Message-ID, if it has been processed. */
    Optional<MessageRecord> record(String messageId) {
        return records(messageId).stream().findFirst();
    }

    /** Every record of a mail with this Message-ID, oldest first (copies, duplicates, reuses of the id). */
    List<MessageRecord> records(String messageId) {
        return database().inTransaction(s -> s.createSelectionQuery(
                        "from MessageRecord m where m.messageId = :id order by m.id", MessageRecord.class)
                .setParameter("id", messageId).getResultList());
    }

    /** Waits for the mail with this Message-ID to be processed and returns its record as the API shows it. */
    JsonNode awaitRecord(String messageId) throws Exception {
        MessageRecord record = await().atMost(Duration.ofSeconds(20)).until(() -> record(messageId),
                Optional::isPresent).orElseThrow();
        return json("/api/messages/" + record.id());
    }

    @Override
    public void close() throws Exception {
        main.stop();
    }
}
