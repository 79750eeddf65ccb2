package dev.mailtask.mail;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The shared corpus of other projects' test mail ({@code ../shared/corpus}, read-only, never copied) and the
 * bookkeeping of a conformance run: fields compared, mismatches, and the checked-in deviations
 * ({@code src/test/resources/corpus/deviations.txt}) that explain the mismatches we keep on purpose.
 */
final class Corpus {

    static final Path ROOT = Path.of("..", "shared", "corpus");

    private Corpus() {
    }

    /** Skips the calling test when the corpus (or one of its folders) is not there. */
    static Path require(String folder) {
        Path p = ROOT.resolve(folder);
        assumeTrue(Files.isDirectory(p), "corpus folder absent: " + p.toAbsolutePath().normalize());
        return p;
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One "file | field | ours | expected | why" line of the deviations file. */
    record Deviation(String corpus, String file, String field, String ours, String expected, String why) {
        String key() {
            return corpus + "|" + file + "|" + field;
        }
    }

    static Map<String, Deviation> deviations() {
        Map<String, Deviation> out = new LinkedHashMap<>();
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/deviations.txt")) {
            Objects.requireNonNull(in, "src/test/resources/corpus/deviations.txt missing");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" \\| ", -1);
                if (f.length != 6 || f[5].isBlank()) {
                    throw new IllegalStateException("deviation needs corpus | file | field | ours | expected | why: "
                            + line);
                }
                Deviation d = new Deviation(f[0].trim(), f[1].trim(), f[2].trim(), f[3].trim(), f[4].trim(),
                        f[5].trim());
                out.put(d.key(), d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The comparisons of one corpus. */
    static final class Run {
        final String name;
        int messages;
        int fields;
        final List<String> mismatches = new ArrayList<>();
        final TreeSet<String> mismatchKeys = new TreeSet<>();

        Run(String name) {
            this.name = name;
        }

        /** Compares one field; null expected means the peer says nothing about it (not compared). */
        void check(String file, String field, Object expected, Object ours) {
            if (expected == null) {
                return;
            }
            fields++;
            if (!Objects.equals(expected, ours)) {
                mismatchKeys.add(name + "|" + file + "|" + field);
                mismatches.add(name + " | " + file + " | " + field + " | " + show(ours) + " | " + show(expected));
            }
        }

        /** A check that must hold; the message says what it was. */
        void require(String file, String field, boolean ok, String ours) {
            fields++;
            if (!ok) {
                mismatchKeys.add(name + "|" + file + "|" + field);
                mismatches.add(name + " | " + file + " | " + field + " | " + show(ours) + " | (condition)");
            }
        }

        static String show(Object o) {
            String s = String.valueOf(o).replace("\r", "\\r").replace("\n", "\\n").replace("|", "¦");
            return s.length() > 160 ? s.substring(0, 160) + "…" : s;
        }

        /** Prints the summary line and fails on mismatches not explained by a deviation, or stale ones. */
        void finish() {
            Map<String, Deviation> devs = deviations();
            List<String> unexplained = new ArrayList<>();
            for (int i = 0; i < mismatches.size(); i++) {
                String m = mismatches.get(i);
                String[] f = m.split(" \\| ", -1);
                if (!devs.containsKey(f[0] + "|" + f[1] + "|" + f[2])) {
                    unexplained.add(m);
                }
            }
            List<String> stale = new ArrayList<>();
            for (Deviation d : devs.values()) {
                if (d.corpus().equals(name) && !mismatchKeys.contains(d.key())) {
                    stale.add(d.key());
                }
            }
            System.out.printf("corpus %s: %d messages, %d fields compared, %d mismatches (%d listed as deviations)%n",
                    name, messages, fields, mismatches.size(), mismatches.size() - unexplained.size());
            unexplained.forEach(u -> System.out.println("  UNEXPLAINED " + u));
            stale.forEach(s -> System.out.println("  STALE deviation (no such mismatch any more) " + s));
            if (fields == 0) {
                throw new AssertionError("corpus " + name + ": nothing compared (files moved or unreadable?)");
            }
            if (!unexplained.isEmpty() || !stale.isEmpty()) {
                throw new AssertionError("corpus " + name + ": " + unexplained.size() + " unexplained mismatches, "
                        + stale.size() + " stale deviations:\n" + String.join("\n", unexplained) + "\n"
                        + String.join("\n", stale));
            }
        }
    }
}
