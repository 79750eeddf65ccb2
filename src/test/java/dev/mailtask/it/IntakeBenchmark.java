package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end intake speed: N mails waiting in an IMAP mailbox, polled, parsed, stored and turned into tasks
 * in the HSQLDB file database. Not part of the test run; start it with
 * {@code mvn -B test -Dtest=IntakeBenchmark -Dmailtask.benchmark=2000}; add
 * {@code -Dmailtask.benchmark.dovecot=10143} to poll a real IMAP server started by {@code bench/dovecot.sh}.
 */
class IntakeBenchmark {

    @TempDir
    Path dir;

    @Test
    void imapToTasks() throws Exception {
        int mails = Integer.getInteger("mailtask.benchmark", 0);
        assumeTrue(mails > 0, "benchmark not requested (-Dmailtask.benchmark=<mails>)");
        String external = System.getProperty("mailtask.benchmark.dovecot");
        try (TestMailServer greenMail = external == null ? new TestMailServer() : null) {
            Mailbox mailbox = external == null
                    ? new Mailbox("GreenMail", greenMail.imapPort(), TestMailServer.MAILBOX, TestMailServer.PASSWORD)
                    : new Mailbox("Dovecot", Integer.parseInt(external), TestMailServer.MAILBOX, "bench-password");
            double bare = bareCamelMailDrain(mailbox, mails);
            mailbox.fill(mails);
            Map<String, String> settings = TestBundle.settings(dir, "jdbc:hsqldb:file:" + dir.resolve("db/mailtask"),
                    """
                    accounts:
                      - id: bench
                        protocol: imap
                        host: 127.0.0.1
                        port: %d
                        username: %s
                        password: "{{test.mail.password}}"
                        pollDelay: 100ms
                        address: support@test.mailtask
                        domains: [test.mailtask]
                    """.formatted(mailbox.port(), mailbox.user()));
            settings.put("test.mail.password", mailbox.password());
            settings.put("mailtask.intake.flood-limit", "1000000"); // 50 senders of 40+ mails each: not a flood here
            try (TestBundle bundle = TestBundle.startLater(settings)) {
                NotifyBuilder done = new NotifyBuilder(bundle.camel()).fromRoute("mailbox-bench")
                        .whenCompleted(mails).create();
                long start = System.nanoTime();
                bundle.startNow();
                if (!done.matches(10, TimeUnit.MINUTES)) {
                    throw new AssertionError("not all mails processed");
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long tasks = bundle.taskCount();
                System.out.printf("intake benchmark (%s): %d mails (IMAP → task, 3.4 KB attachment each) in %.1f s:"
                        + " %.0f mails/s, %d tasks; bare camel-mail drain of the same mailbox: %.0f mails/s%n",
                        mailbox.name(), mails, seconds, mails / seconds, tasks, bare);
                assertThat(tasks).as("a figure for mails that became tasks, not for quarantined ones").isEqualTo(mails);
            }
        }
    }

    /** The reference: camel-mail alone reading the same mailbox (peek, then marked seen), nothing else. */
    private static double bareCamelMailDrain(Mailbox mailbox, int mails) throws Exception {
        mailbox.fill(mails);
        try (org.apache.camel.impl.DefaultCamelContext camel = new org.apache.camel.impl.DefaultCamelContext()) {
            camel.addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from("imap://127.0.0.1:" + mailbox.port() + "?username=" + mailbox.user()
                            + "&password=RAW(" + mailbox.password() + ")&peek=true&unseen=true&delay=100"
                            + "&maxMessagesPerPoll=500&mapMailMessage=false")
                            .routeId("bare").process(e -> ((org.apache.camel.component.mail.MailMessage) e.getIn())
                                    .getOriginalMessage().writeTo(java.io.OutputStream.nullOutputStream()));
                }
            });
            NotifyBuilder done = new NotifyBuilder(camel).fromRoute("bare").whenCompleted(mails).create();
            long start = System.nanoTime();
            camel.start();
            if (!done.matches(10, TimeUnit.MINUTES)) {
                throw new AssertionError("bare drain did not finish");
            }
            return mails / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** An IMAP mailbox on 127.0.0.1: emptied, then filled with N benchmark mails by IMAP APPEND. */
    private record Mailbox(String name, int port, String user, String password) {

        void fill(int mails) throws Exception {
            Session session = Session.getInstance(new Properties());
            try (Store store = session.getStore("imap")) {
                store.connect("127.0.0.1", port, user, password);
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                if (inbox.getMessageCount() > 0) {
                    inbox.setFlags(1, inbox.getMessageCount(), new Flags(Flags.Flag.DELETED), true);
                    inbox.expunge();
                }
                List<Message> batch = new ArrayList<>();
                for (int i = 0; i < mails; i++) {
                    batch.add(new MimeMessage(session, new ByteArrayInputStream(mail(i))));
                    if (batch.size() == 200 || i == mails - 1) {
                        inbox.appendMessages(batch.toArray(new Message[0]));
                        batch.clear();
                    }
                }
                inbox.close(true);
            }
        }
    }

    private static byte[] mail(int i) {
        return Mails.withAttachment("bench-" + i + "-" + System.nanoTime() + "@client.example", "Client " + (i % 50)
                        + " <client" + (i % 50) + "@client.example>", "support@test.mailtask",
                "Cc One <cc1@client.example>, Cc Two <cc2@client.example>", "Benchmark mail " + i,
                "Hello,\nthis is mail number " + i + ".\n\nRegards", "report-" + i + ".txt",
                ("line of a report\n".repeat(200)).getBytes());
    }

    /** The Java core alone (parse, decide, one transaction per mail), without a mail server. */
    @Test
    void coreOnly() throws Exception {
        int mails = Integer.getInteger("mailtask.benchmark", 0);
        assumeTrue(mails > 0, "benchmark not requested (-Dmailtask.benchmark=<mails>)");
        for (String url : new String[] {"jdbc:hsqldb:file:" + dir.resolve("core/sync"),
                "jdbc:hsqldb:file:" + dir.resolve("core/delay") + ";hsqldb.write_delay=true"}) {
            Map<String, String> settings = TestBundle.settings(dir, url, "accounts: []\n");
            settings.put("mailtask.accounts.file", "config/demo/accounts.yaml");
            settings.put("mailtask.demo.host", "127.0.0.1");
            settings.put("mailtask.demo.imap-port", "1");
            settings.put("mailtask.demo.smtp-port", "1");
            settings.put("mailtask.intake.flood-limit", "1000000");
            settings.put("mailtask.demo.password", "x");
            try (TestBundle bundle = TestBundle.startLater(settings)) {
                var intake = bundle.camel().getRegistry().lookupByNameAndType("mailtaskIntake",
                        dev.mailtask.intake.IntakeService.class);
                java.util.List<byte[]> raw = new java.util.ArrayList<>();
                for (int i = 0; i < mails; i++) {
                    raw.add(Mails.withAttachment("core-" + i + "@client.example", "Client " + (i % 50) + " <client"
                            + (i % 50) + "@client.example>", "support@demo.mailtask", "Cc One <cc1@client.example>",
                            "Core mail " + i, "Hello " + i, "r.txt", ("line\n".repeat(700)).getBytes()));
                }
                long start = System.nanoTime();
                for (byte[] r : raw) {
                    var outcome = intake.createTask(intake.decide(new dev.mailtask.intake.ReceivedMail("demo", r)));
                    assertThat(outcome.taskId()).as("each mail a task").isNotNull();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("core benchmark (%s): %d mails in %.1f s: %.0f mails/s%n",
                        url.contains("write_delay=true") ? "write_delay=true" : "synchronous commit", mails, seconds,
                        mails / seconds);
            }
        }
    }
}
