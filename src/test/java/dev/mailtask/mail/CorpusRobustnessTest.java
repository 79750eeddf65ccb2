package dev.mailtask.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every message of the shared corpus (all folders, CR and CRLF copies, broken ones) parses to an InboundMail
 * or fails with a MailParseException; nothing else escapes. Skipped when ../shared/corpus is absent.
 */
public class CorpusRobustnessTest {

    /** Not messages: expectations, licences, provenance, and the TNEF samples with their extracted files. */
    public static boolean isMessage(Path p) {
        String name = p.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        String rel = Corpus.ROOT.relativize(p).toString().replace('\\', '/');
        if (rel.startsWith("mimekit/UnitTests/TestData/tnef/") && !lower.endsWith(".eml")
                || rel.contains("/LICENSES/")) {
            return false;
        }
        for (String ext : new String[] {".json", ".md", ".tsv", ".list", ".commit", ".missing", ".html"}) {
            if (lower.endsWith(ext)) {
                return false;
            }
        }
        return !(lower.startsWith("license") || lower.startsWith("copying") || lower.startsWith("readme")
                || lower.endsWith("_reply_text") || lower.endsWith("-summary.txt") || name.startsWith("."));
    }

    public static List<Path> messages() throws Exception {
        Path root = Corpus.require("");
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(CorpusRobustnessTest::isMessage).sorted().toList();
        }
    }

    @Test
    void everyMessageParsesOrFailsCleanly() throws Exception {
        List<Path> files = messages();
        MailParser parser = new MailParser();
        int parsed = 0;
        List<String> failures = new ArrayList<>();
        List<String> escaped = new ArrayList<>();
        for (Path f : files) {
            try {
                InboundMail m = parser.parse(Corpus.read(f));
                assertThat(m.subject()).isNotNull();
                assertThat(m.textBody()).isNotNull();
                parsed++;
            } catch (MailParseException e) {
                assertThat(e.getMessage()).isNotBlank();
                failures.add(Corpus.ROOT.relativize(f) + ": " + e.getMessage());
            } catch (Throwable t) {
                escaped.add(Corpus.ROOT.relativize(f) + ": " + t);
            }
        }
        System.out.printf("corpus robustness: %d messages, %d parsed, %d typed parse failures, %d escaped%n",
                files.size(), parsed, failures.size(), escaped.size());
        failures.forEach(f -> System.out.println("  MailParseException " + f));
        assertThat(escaped).as("exceptions other than MailParseException").isEmpty();
        assertThat(files.size()).isGreaterThan(1000);
    }
}
