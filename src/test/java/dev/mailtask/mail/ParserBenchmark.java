package dev.mailtask.mail;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;

import org.junit.jupiter.api.Test;

/**
 * Parser speed over the whole shared corpus, next to plain Jakarta Mail parsing of the same bytes (headers,
 * multipart split, every leaf's decoded bytes read). Not part of the test run; start it with
 * {@code mvn -B test -Dtest=ParserBenchmark -Dmailtask.benchmark=20} (20 rounds over the corpus).
 */
class ParserBenchmark {

    @Test
    void corpus() throws Exception {
        int rounds = Integer.getInteger("mailtask.benchmark", 0);
        assumeTrue(rounds > 0, "benchmark not requested (-Dmailtask.benchmark=<rounds>)");
        List<Path> files = CorpusRobustnessTest.messages();
        byte[][] mails = files.stream().map(Corpus::read).toArray(byte[][]::new);
        long bytes = 0;
        for (byte[] m : mails) {
            bytes += m.length;
        }
        MailParser parser = new MailParser();
        Session session = Session.getInstance(new Properties());
        // warm-up: one round each, so the JIT has compiled both before the clock runs
        run(mails, 1, parser, null);
        run(mails, 1, null, session);
        double ours = run(mails, rounds, parser, null);
        double jakarta = run(mails, rounds, null, session);
        double mb = bytes * (double) rounds / 1e6;
        long n = (long) mails.length * rounds;
        System.out.printf("parser benchmark: %d messages (%.1f MB) x %d rounds%n", mails.length, bytes / 1e6, rounds);
        System.out.printf("  MailParser.parse : %8.0f messages/s %7.1f MB/s%n", n / ours, mb / ours);
        System.out.printf("  Jakarta MimeMessage: %6.0f messages/s %7.1f MB/s%n", n / jakarta, mb / jakarta);
        System.out.printf("  MailParser takes %.2fx the time of bare Jakarta Mail parsing%n", ours / jakarta);
    }

    /** Seconds for {@code rounds} passes over all mails, with our parser or (parser null) bare Jakarta Mail. */
    private static double run(byte[][] mails, int rounds, MailParser parser, Session session) {
        long start = System.nanoTime();
        long sink = 0;
        for (int r = 0; r < rounds; r++) {
            for (byte[] m : mails) {
                try {
                    if (parser != null) {
                        sink += parser.parse(m).attachments().size();
                    } else {
                        sink += walk(new MimeMessage(session, new SharedByteArrayInputStream(m)), 0);
                    }
                } catch (Exception e) {
                    sink++;
                }
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static long walk(Part p, int depth) throws Exception {
        if (depth < 50 && p.isMimeType("multipart/*") && p.getContent() instanceof Multipart mp) {
            long n = 0;
            for (int i = 0; i < mp.getCount(); i++) {
                n += walk(mp.getBodyPart(i), depth + 1);
            }
            return n;
        }
        try (InputStream in = p.getInputStream()) {
            return in.readAllBytes().length;
        }
    }
}
