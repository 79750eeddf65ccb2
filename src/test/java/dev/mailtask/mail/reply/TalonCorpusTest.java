package dev.mailtask.mail.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailtask.mail.InboundMail;
import dev.mailtask.mail.MailParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Our reply extraction against talon's expectations ({@code ../shared/corpus/talon/EXPECTED.tsv}, read in
 * place, never copied). Each row says how talon fed the fixture in; we feed it the same way:
 * <ul>
 *   <li>"text/plain part -> extract_from_plain; compare with strip()": the mail's text body through
 *       {@link ReplyText#fromPlain}, compared after strip();</li>
 *   <li>"extract_from_html -> html_to_text; compare after removing all whitespace": the file through
 *       {@link ReplyText#fromHtml}, our text compared with all whitespace removed;</li>
 *   <li>"extract_from_html; whitespace removed" (the expectation is HTML): our {@link Reply#html()}, all
 *       whitespace removed.</li>
 * </ul>
 * talon's quote extraction leaves signatures alone (its signature extraction is a separate step), so we
 * compare {@link Reply#textWithSignature()}: the reply with only the quote cut. The header's extra case
 * (reply-quotations-share-block.eml: the whole raw file through extract_from_plain; non-empty, no "From")
 * counts as one more case. Mismatches we keep on purpose are listed, with the reason, in
 * {@code src/test/resources/reply/deviations.txt}; a mismatch not listed, or a listed one that no longer
 * occurs, fails.
 */
class TalonCorpusTest {

    private static final Path ROOT = Path.of("..", "shared", "corpus", "talon");
    private static final MailParser PARSER = new MailParser();

    @Test
    void talonExpectations() throws Exception {
        Path tsv = ROOT.resolve("EXPECTED.tsv");
        assumeTrue(Files.isRegularFile(tsv), "corpus absent: " + tsv.toAbsolutePath().normalize());
        Map<String, String> deviations = deviations();
        int cases = 0;
        int exact = 0;
        List<String> failures = new ArrayList<>();
        List<String> deviated = new ArrayList<>();
        for (String row : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            if (row.startsWith("#") || row.startsWith("file\t") || row.isBlank()) {
                continue;
            }
            String[] f = row.split("\t", -1);
            String file = f[0];
            String how = f[1];
            String expected = unescape(f[2]);
            cases++;
            String ours;
            boolean same;
            if (how.startsWith("text/plain part")) {
                InboundMail mail = PARSER.parse(Files.readAllBytes(ROOT.resolve(file)));
                ours = ReplyText.fromPlain(mail.textBody()).textWithSignature();
                same = ours.strip().equals(expected.strip());
            } else if (how.contains("html_to_text")) {
                ours = ReplyText.fromHtml(Files.readString(ROOT.resolve(file))).textWithSignature();
                same = noSpace(ours).equals(noSpace(expected));
            } else if (how.startsWith("extract_from_html")) {
                ours = ReplyText.fromHtml(Files.readString(ROOT.resolve(file))).html();
                same = noSpace(ours).equals(noSpace(expected));
            } else {
                failures.add(file + ": unknown way to feed it in: " + how);
                continue;
            }
            if (same) {
                exact++;
                if (deviations.containsKey(file)) {
                    failures.add(file + ": listed as a deviation but now matches");
                }
            } else if (deviations.containsKey(file) && deviations.get(file).equals(noSpace(ours))) {
                deviated.add(file);
            } else {
                failures.add(file + ":\n  ours:     " + show(ours) + "\n  expected: " + show(expected));
            }
        }
        // the header's extra case: the whole raw file, MIME and all, as if it were plain text
        Path shareBlock = ROOT.resolve("tests/fixtures/reply-quotations-share-block.eml");
        if (Files.isRegularFile(shareBlock)) {
            cases++;
            String ours = ReplyText.fromPlain(Files.readString(shareBlock)).textWithSignature();
            if (!ours.isEmpty() && !ours.contains("From")) {
                exact++;
            } else {
                failures.add("reply-quotations-share-block.eml: empty or contains From: " + show(ours));
            }
        }
        System.out.println("quotes: " + cases + " cases, " + exact + " exact");
        for (String d : deviated) {
            System.out.println("quotes: deviation kept on purpose: " + d + " (" + deviationReason(d) + ")");
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        for (String listed : deviations.keySet()) {
            assertTrue(deviated.contains(listed), "listed deviation not seen: " + listed);
        }
        assertEquals(cases, exact + deviated.size());
        assertFalse(cases == 0, "no cases read");
    }

    /**
     * The same standard replies as whole mails through {@link ReplyText#extract}, which prefers the HTML
     * part when there is one: it must find the same answer (compared without whitespace, as HTML renders
     * line breaks its own way). Not counted in the printed line, which is talon's own protocol. One
     * fixture's HTML part is not an alternative of its text part, so there the HTML's own answer is
     * expected.
     */
    @Test
    void wholeMailsFindTheSameAnswer() throws Exception {
        Path tsv = ROOT.resolve("EXPECTED.tsv");
        assumeTrue(Files.isRegularFile(tsv), "corpus absent: " + tsv.toAbsolutePath().normalize());
        List<String> failures = new ArrayList<>();
        for (String row : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
            String[] f = row.split("\t", -1);
            if (row.startsWith("#") || f.length < 3 || !f[1].startsWith("text/plain part")) {
                continue;
            }
            InboundMail mail = PARSER.parse(Files.readAllBytes(ROOT.resolve(f[0])));
            Reply r = ReplyText.extract(mail);
            String expected = unescape(f[2]);
            if (f[0].endsWith("standard_replies/outlook.eml")) {
                expected = "Allo! Follow up MIME!"; // its HTML part says this, its text part "Hello"
            }
            if (!noSpace(r.textWithSignature()).equals(noSpace(expected))) {
                failures.add(f[0] + " (" + r.source() + "): " + show(r.textWithSignature()));
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static final Map<String, String> REASONS = new LinkedHashMap<>();

    private static String deviationReason(String file) {
        return REASONS.getOrDefault(file, "");
    }

    /** file -> our output with whitespace removed; "file | ours | expected | why" per line. */
    private static Map<String, String> deviations() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        try (InputStream in = TalonCorpusTest.class.getResourceAsStream("/reply/deviations.txt")) {
            if (in == null) {
                return m;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" \\| ", -1);
                m.put(f[0].strip(), noSpace(unescape(f[1].strip())));
                REASONS.put(f[0].strip(), f[3].strip());
            }
        }
        return m;
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\t", "\t");
    }

    private static String noSpace(String s) {
        return s == null ? "<null>" : s.replaceAll("\\s+", "");
    }

    private static String show(String s) {
        return s == null ? "<null>" : s.replace("\n", "\\n");
    }
}
