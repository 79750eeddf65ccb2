package dev.mailtask.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailtask.mail.InboundMail;
import org.junit.jupiter.api.Test;

/**
 * Rule evaluation speed: rule sets of 10, 100 and 1,000 rules (a mix of every condition field, regexes — one
 * rule in ten runs a regex over the whole body —, extractions and actions, loaded through {@link RuleFile})
 * against a typical mail (3 KB body, 16 headers, To + Cc, one attachment) that about 1% of the rules match.
 * Each figure is the whole per-mail cost: {@link MailFacts} built from the mail, every rule tested,
 * extraction, merge, templates and the full trace. The same sizes are then measured with the body regexes
 * replaced by "contains" conditions, as regexes over the whole body are most of the cost (about 6 µs each over
 * 3 KB: the JDK's regex speed). Not part of the test run (the class name does not match surefire's
 * includes); start it with
 *
 * <pre>mvn -B test -Dtest=RuleBenchmark -Dmailtask.benchmark=1</pre>
 *
 * and read the figures in {@code target/surefire-reports/dev.mailtask.rules.RuleBenchmark-output.txt}
 * (surefire redirects test output there). {@code -Dmailtask.benchmark=N}
 * measures N seconds per size, after as long a warm-up.
 */
class RuleBenchmark {

    private static volatile int sink;

    @Test
    void evaluation() {
        int seconds = Integer.getInteger("mailtask.benchmark", 0);
        assumeTrue(seconds > 0, "benchmark not requested (-Dmailtask.benchmark=<seconds per size>)");
        InboundMail mail = typicalMail();
        StringBuilder out = new StringBuilder("rule benchmark (" + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs, one thread):\n");
        for (int size : new int[] {10, 100, 1000}) {
            measure(out, size, ruleFile(size, true), "", mail, seconds);
        }
        for (int size : new int[] {10, 100, 1000}) {
            measure(out, size, ruleFile(size, false), " (no body regexes)", mail, seconds);
        }
        System.out.print(out);
    }

    private static void measure(StringBuilder out, int size, String file, String label, InboundMail mail,
            int seconds) {
        {
            RuleSet rules = RuleFile.parse("benchmark-" + size + ".yaml", file, RuleReferences.ANY);
            RuleDecision check = rules.evaluate(mail);
            run(rules, mail, seconds * 1_000_000_000L); // warm-up
            long[] result = run(rules, mail, seconds * 1_000_000_000L);
            double nsPerMail = (double) result[1] / result[0];
            long applied = check.trace().rules().stream()
                    .filter(r -> r.outcome() == RuleTrace.Outcome.APPLIED).count();
            assertThat(applied).as("the benchmark mail matches rules, so the figure is for real evaluation")
                    .isPositive();
            out.append(String.format("  %5d rules%s: %,12.0f ns per mail (%,10.0f mails/s); %d rules match, action %s%n",
                    size, label, nsPerMail, 1e9 / nsPerMail, applied, check.action()));
        }
    }

    /** @return {mails evaluated, nanoseconds taken} */
    private static long[] run(RuleSet rules, InboundMail mail, long budgetNanos) {
        long start = System.nanoTime();
        long count = 0;
        long now;
        int acc = 0;
        do {
            for (int i = 0; i < 100; i++) {
                RuleDecision d = rules.evaluate(mail);
                acc += d.action().ordinal() + d.trace().rules().size();
            }
            count += 100;
            now = System.nanoTime();
        } while (now - start < budgetNanos);
        sink = acc;
        return new long[] {count, now - start};
    }

    /** Rules of ten kinds, repeated with varying values; a few of them match the typical mail. */
    static String ruleFile(int size, boolean bodyRegexes) {
        StringBuilder y = new StringBuilder("address: support\nrules:\n");
        for (int i = 0; i < size; i++) {
            y.append("  - name: rule ").append(i).append('\n');
            String conditions = switch (i % 10) {
                case 0 -> "      - {field: subject, op: contains, value: \"invoice " + i + "\"}\n";
                case 1 -> "      - {field: from, op: ends with, value: \"@vendor" + i + ".example\"}\n"
                        + "      - {field: subject, op: not contains, value: newsletter}\n";
                case 2 -> "      - {field: body, op: contains, value: \"order number " + i + "\"}\n";
                case 3 -> "      - {header: X-Priority, op: equals, value: \"" + (i % 100 == 3 ? 3 : 1) + "\"}\n"
                        + "      - {field: any recipient, op: contains, value: \"team" + i + "@\"}\n"
                        + "    when: 1 or 2\n";
                case 4 -> "      - {field: subject, op: regex, value: \"\\\\b(ticket|case)[ #-]*" + i + "\\\\b\"}\n";
                case 5 -> "      - {field: attachment name, op: ends with, value: \"." + i + ".pdf\"}\n"
                        + "      - {field: has attachment}\n";
                case 6 -> "      - {field: from name, op: starts with, value: \"Customer " + i + "\"}\n";
                case 7 -> "      - {field: cc, op: equals, value: \"boss" + i + "@client.example\"}\n"
                        + "      - {field: to, op: contains, value: support}\n"
                        + "      - {field: subject, op: contains, value: urgent}\n"
                        + "    when: (1 and 2) or (2 and 3)\n";
                case 8 -> bodyRegexes ? "      - {field: body, op: regex, value: \"(?m)^Reference: REF-" + i + "$\"}\n"
                        : "      - {field: body, op: contains, value: \"Reference: REF-" + i + "\\n\"}\n";
                default -> "      - {field: subject, op: starts with, value: \"[list " + i + "]\"}\n";
            };
            y.append("    conditions:\n").append(conditions);
            switch (i % 4) {
                case 0 -> y.append("    extract:\n      - {name: order, in: body, after: \"Order number:\"}\n")
                        .append("    action:\n      createTask: {title: \"Order {order}: {subject}\", assignees: [bob]}\n");
                case 1 -> y.append("    set: {participants: [alice]}\n");
                case 2 -> y.append("    action: ignore\n");
                default -> y.append("    extract:\n      - {name: ticket, in: subject, regex: \"#(\\\\d+)\"}\n")
                        .append("    action:\n      addComment: {task: \"{ticket}\"}\n");
            }
        }
        return y.append("default: create task\n").toString();
    }

    static InboundMail typicalMail() {
        StringBuilder body = new StringBuilder("Hello support,\n\nOrder number: A-4711\n\n");
        while (body.length() < 3000) {
            body.append("The printer on floor 2 prints only blank pages since this morning; we restarted it twice.\n");
        }
        return MailBuilder.mail().from("Customer 7 <customer7@client.example>")
                .to("Support <support@demo.mailtask>").cc("Dave <dave@client.example>", "it@client.example")
                .deliveredTo("support@demo.mailtask")
                .subject("Re: Printer broken again (case 14)")
                .body(body.toString())
                .header("Date", "Mon, 3 Mar 2025 10:00:00 +0100").header("Message-ID", "<b-1@client.example>")
                .header("To", "Support <support@demo.mailtask>").header("Cc", "Dave <dave@client.example>")
                .header("MIME-Version", "1.0").header("Content-Type", "multipart/mixed; boundary=x")
                .header("X-Priority", "3").header("X-Mailer", "Thunderbird 128")
                .header("Received", "from mx.client.example").header("Received", "from relay.example")
                .header("DKIM-Signature", "v=1; a=rsa-sha256; d=client.example; s=s1; bh=abc; b=def")
                .header("Return-Path", "<customer7@client.example>")
                .attachment("photo-of-printer.jpg")
                .build();
    }
}
