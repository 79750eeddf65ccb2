package dev.mailtask.mail.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.mailtask.mail.InboundMail;
import dev.mailtask.mail.MailParseException;
import dev.mailtask.mail.MailParser;

/**
 * Bounce recognition measured against sisimai's expected results
 * ({@code ../shared/corpus/sisimai-set-of-emails/expected/*.tsv}); skipped when the corpus is absent.
 * Writes one line per file to {@code target/sisimai-report.tsv} for inspection.
 *
 * <p>How the figures are counted, per file the TSV lists as present (N):
 * <ul>
 * <li>recognised (R): the kind is the one the TSV implies: FEEDBACK_REPORT for reason {@code feedback},
 *     AUTO_REPLY for reason {@code vacation} (sisimai's RFC 3834 rows), DELIVERY_STATUS otherwise.</li>
 * <li>original Message-ID found (O): the report names the Message-ID of the mail it reports on (the TSV does
 *     not say which it is; some samples carry no copy of the original at all, and Amazon SES notifications
 *     give only SES's own message id, which is not reported as a Message-ID).</li>
 * <li>recipient+status correct (S): the file is recognised and every expected row matches: the reported
 *     recipient at that row's index, or else any reported recipient, has the row's delivery_status. Rows
 *     without a status (feedback, vacation) match by kind alone. Sisimai writes X.0.9NN pseudo-codes when
 *     the mail itself carries no enhanced status code (it derives them from its own reason
 *     classification); such a row matches a reported X.0.0, which is what we report when the mail gives
 *     only an SMTP reply code or nothing.</li>
 * </ul>
 */
class SisimaiCorpusTest {

    static final Path CORPUS = Path.of("../shared/corpus");
    static final Path SISIMAI = CORPUS.resolve("sisimai-set-of-emails");
    static final MailParser PARSER = new MailParser();

    record Row(String file, int index, String status, String reason, String feedbackType, String engine) {
    }

    static Map<String, List<Row>> expected() throws IOException {
        Map<String, List<Row>> files = new LinkedHashMap<>();
        try (Stream<Path> tsvs = Files.list(SISIMAI.resolve("expected"))) {
            for (Path tsv : tsvs.filter(p -> p.toString().endsWith(".tsv")).sorted().toList()) {
                boolean header = true;
                for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
                    if (line.startsWith("#") || line.isBlank()) {
                        continue;
                    }
                    if (header) {
                        header = false; // column names
                        continue;
                    }
                    String[] c = line.split("\t", -1);
                    if (c.length < 9 || !c[8].trim().equals("yes")) {
                        continue;
                    }
                    files.computeIfAbsent(c[0], k -> new ArrayList<>())
                            .add(new Row(c[0], Integer.parseInt(c[1].trim()), c[2].trim(), c[4].trim(), c[6].trim(),
                                    c[7].trim()));
                }
            }
        }
        return files;
    }

    static ReportKind expectedKind(List<Row> rows) {
        String reason = rows.get(0).reason();
        return reason.equals("feedback") ? ReportKind.FEEDBACK_REPORT
                : reason.equals("vacation") ? ReportKind.AUTO_REPLY : ReportKind.DELIVERY_STATUS;
    }

    static boolean statusMatches(String expected, String reported) {
        if (reported == null) {
            return false;
        }
        if (expected.equals(reported)) {
            return true;
        }
        return expected.matches("[45]\\.0\\.9\\d\\d") && reported.equals(expected.charAt(0) + ".0.0");
    }

    static boolean rowMatches(Row row, MailReport report) {
        if (row.status().isEmpty()) {
            return true;
        }
        List<RecipientStatus> r = report.recipients();
        if (row.index() <= r.size() && statusMatches(row.status(), r.get(row.index() - 1).status())) {
            return true;
        }
        return r.stream().anyMatch(x -> statusMatches(row.status(), x.status()));
    }

    @Test
    void bouncesAreRecognised() throws IOException {
        assumeTrue(Files.isDirectory(SISIMAI.resolve("expected")), "sisimai corpus not present");
        Map<String, List<Row>> files = expected();
        int n = 0;
        int recognised = 0;
        int idFound = 0;
        int correct = 0;
        List<String> out = new ArrayList<>();
        out.add("file\tengine\texpected\tok\tkind\tid\texpected_status\treported");
        for (Map.Entry<String, List<Row>> e : files.entrySet()) {
            Path file = SISIMAI.resolve(e.getKey());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            n++;
            List<Row> rows = e.getValue();
            ReportKind want = expectedKind(rows);
            MailReport report;
            try {
                InboundMail mail = PARSER.parse(Files.readAllBytes(file));
                report = MailReports.of(mail);
            } catch (MailParseException ex) {
                out.add(e.getKey() + "\t" + rows.get(0).engine() + "\t" + want + "\tPARSE-ERROR\t" + ex.getMessage());
                continue;
            }
            boolean rec = report.kind() == want;
            boolean id = report.originalMessageId() != null;
            boolean ok = rec && rows.stream().allMatch(r -> rowMatches(r, report));
            recognised += rec ? 1 : 0;
            idFound += id ? 1 : 0;
            correct += ok ? 1 : 0;
            out.add(e.getKey() + "\t" + rows.get(0).engine() + "\t" + want + "\t" + (rec ? "R" : "-") + (ok ? "S" : "-")
                    + "\t" + report.kind() + "\t" + report.originalMessageId() + "\t"
                    + rows.stream().map(Row::status).toList() + "\t"
                    + report.recipients().stream().map(r -> r.address() + "=" + r.status()).toList() + "\t"
                    + report.signals());
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/sisimai-report.tsv"), out, StandardCharsets.UTF_8);
        System.out.println("bounces: " + n + " files, recognised " + recognised + ", original Message-ID found "
                + idFound + ", recipient+status correct " + correct);
        assertThat(n).isGreaterThan(0);
        assertThat(recognised).isGreaterThanOrEqualTo((int) Math.ceil(n * 0.95));
    }

    /**
     * Ordinary mail must not be taken for a bounce: every message of the redmine, stalwart-mail-parser, rt,
     * talon and thunderbird-samples corpora (person-written mail, list mail, malformed mail; none of them is
     * a bounce, a feedback report or a read receipt) except rt's {@code multipart-report}, a Sendmail bounce
     * (rt/EXPECTED.md says so), which must be recognised as one instead. Files that do not parse as mail are
     * left out.
     */
    @Test
    void ordinaryMailIsNotABounce() throws IOException {
        List<Path> files = new ArrayList<>();
        collect(CORPUS.resolve("redmine/test/fixtures/mail_handler"), ".eml", files);
        collect(CORPUS.resolve("stalwart-mail-parser/resources/eml"), ".eml", files);
        collect(CORPUS.resolve("rt/t/data/emails"), "", files);
        collect(CORPUS.resolve("talon"), ".eml", files);
        collect(CORPUS.resolve("thunderbird-samples"), ".eml", files);
        assumeTrue(!files.isEmpty(), "redmine/stalwart corpora not present");
        int parsed = 0;
        boolean sendmailBounceSeen = false;
        List<String> reports = new ArrayList<>();
        Map<ReportKind, Integer> kinds = new java.util.TreeMap<>();
        for (Path f : files) {
            InboundMail mail;
            try {
                mail = PARSER.parse(Files.readAllBytes(f));
            } catch (MailParseException e) {
                continue;
            }
            MailReport r = MailReports.of(mail);
            if (f.endsWith(Path.of("rt/t/data/emails/multipart-report"))) {
                assertThat(r.kind()).isEqualTo(ReportKind.DELIVERY_STATUS);
                assertThat(r.recipients()).extracting(RecipientStatus::address, RecipientStatus::status)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("jesmund@mailbox.other.example.com",
                                "5.1.1"));
                sendmailBounceSeen = true;
                continue;
            }
            parsed++;
            kinds.merge(r.kind(), 1, Integer::sum);
            if (r.kind() == ReportKind.DELIVERY_STATUS || r.kind() == ReportKind.FEEDBACK_REPORT
                    || r.kind() == ReportKind.DISPOSITION_NOTIFICATION) {
                reports.add(f + " " + r.kind() + " " + r.signals());
            }
        }
        System.out.println("ordinary mail: " + parsed + " files, taken for bounce/report " + reports.size()
                + ", kinds " + kinds);
        assertThat(parsed).isGreaterThan(100);
        assertThat(reports).isEmpty();
        if (Files.exists(CORPUS.resolve("rt/t/data/emails/multipart-report"))) {
            assertThat(sendmailBounceSeen).as("rt's Sendmail bounce was parsed and checked").isTrue();
        }
    }

    private static void collect(Path dir, String suffix, List<Path> into) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile)
                    .filter(p -> suffix.isEmpty() ? !p.getFileName().toString().contains(".")
                            || p.toString().endsWith(".eml") : p.toString().endsWith(suffix))
                    .sorted().forEach(into::add);
        }
    }
}
