package dev.mailtask.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end intake speed: N mails waiting in an IMAP mailbox, polled, parsed, stored and turned into tasks
 * in the HSQLDB file database. Not part of the test run; start it with
 * {@code mvn -B test -Dtest=IntakeBenchmark -Dmailtask.benchmark=2000}.
 */
class IntakeBenchmark {

    @TempDir
    Path dir;

    @Test
    void imapToTasks() throws Exception {
        int mails = Integer.getInteger("mailtask.benchmark", 0);
        assumeTrue(mails > 0, "benchmark not requested (-Dmailtask.benchmark=<mails>)");
        double bare = bareCamelMailDrain(mails);
        try (TestMailServer mail = new TestMailServer()) {
            fill(mail, mails);
            Map<String, String> settings = TestBundle.settings(dir, "jdbc:hsqldb:file:" + dir.resolve("db/mailtask"),
                    TestBundle.imapAccount(mail, "100ms"));
            try (TestBundle bundle = TestBundle.startLater(settings)) {
                NotifyBuilder done = new NotifyBuilder(bundle.camel()).fromRoute("mailbox-test-imap")
                        .whenCompleted(mails).create();
                long start = System.nanoTime();
                bundle.startNow();
                if (!done.matches(10, TimeUnit.MINUTES)) {
                    throw new AssertionError("not all mails processed");
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long tasks = bundle.json("/api/tasks?size=1").get("total").asLong();
                System.out.printf("intake benchmark: %d mails (IMAP → task, 3.4 KB attachment each) in %.1f s:"
                        + " %.0f mails/s, %d tasks; bare camel-mail drain of the same mailbox: %.0f mails/s%n",
                        mails, seconds, mails / seconds, tasks, bare);
            }
        }
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
                    intake.createTask(intake.decide(new dev.mailtask.intake.ReceivedMail("demo", r)));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("core benchmark (%s): %d mails in %.1f s: %.0f mails/s%n",
                        url.contains("write_delay=true") ? "write_delay=true" : "synchronous commit", mails, seconds,
                        mails / seconds);
            }
        }
    }

    /** The reference: camel-mail alone reading the same mailbox (peek, then marked seen), nothing else. */
    private static double bareCamelMailDrain(int mails) throws Exception {
        try (TestMailServer mail = new TestMailServer();
                org.apache.camel.impl.DefaultCamelContext camel = new org.apache.camel.impl.DefaultCamelContext()) {
            fill(mail, mails);
            camel.addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from("imap://127.0.0.1:" + mail.imapPort() + "?username=" + TestMailServer.MAILBOX
                            + "&password=RAW(" + TestMailServer.PASSWORD + ")&peek=true&unseen=true&delay=100"
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

    private static void fill(TestMailServer mail, int mails) throws Exception {
        for (int i = 0; i < mails; i++) {
            mail.deliver(Mails.withAttachment("bench-" + i + "@client.example", "Client " + (i % 50)
                                + " <client" + (i % 50) + "@client.example>", "support@test.mailtask",
                        "Cc One <cc1@client.example>, Cc Two <cc2@client.example>", "Benchmark mail " + i,
                        "Hello,\nthis is mail number " + i + ".\n\nRegards", "report-" + i + ".txt",
                    ("line of a report\n".repeat(200)).getBytes()));
        }
    }
}
