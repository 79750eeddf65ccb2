package dev.mailtask.rules;

import static dev.mailtask.rules.MailBuilder.mail;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a rules folder and reloading it on change, without sleeping: each test calls the reload itself. */
class RuleFilesTest {

    @TempDir
    Path dir;

    private final RuleReferences directory = RuleReferences.of(Set.of(1), Set.of("alice", "bob"));

    private Path put(String fixture, String as) throws IOException {
        try (InputStream in = RuleFilesTest.class.getResourceAsStream("/rules/" + fixture)) {
            Path target = dir.resolve(as);
            Files.write(target, in.readAllBytes());
            return target;
        }
    }

    private static RuleAction invoiceAction(RuleFiles files) {
        return files.ruleSet("support").orElseThrow().evaluate(mail().subject("Invoice 7").build()).action();
    }

    @Test
    void loadsEveryYamlFileOfTheFolderByAddress() throws IOException {
        put("support-v1.yaml", "support.yaml");
        put("sales.yaml", "sales.yaml");
        Files.writeString(dir.resolve("notes.txt"), "not a rule file");
        RuleFiles files = new RuleFiles(dir, directory);
        assertThat(files.ruleSets()).isEmpty();

        RuleFiles.ReloadReport report = files.reloadIfChanged();

        assertThat(report.loaded()).containsExactly("sales", "support");
        assertThat(report.removed()).isEmpty();
        assertThat(report.rejected()).isEmpty();
        assertThat(files.ruleSets().keySet()).containsExactly("sales", "support");
        assertThat(files.ruleSet("SUPPORT").orElseThrow().file()).isEqualTo(dir.resolve("support.yaml").toString());
        assertThat(files.ruleSet("sales").orElseThrow().description()).isEqualTo("Sales inbox");
        assertThat(files.ruleSet("nobody")).isEmpty();
        assertThat(files.errors()).isEmpty();
        assertThat(invoiceAction(files)).isEqualTo(RuleAction.IGNORE);
    }

    @Test
    void anUnchangedFolderIsNotReloaded() throws IOException {
        put("support-v1.yaml", "support.yaml");
        RuleFiles files = new RuleFiles(dir, directory);
        files.reloadIfChanged();
        RuleSet first = files.ruleSet("support").orElseThrow();
        Files.setLastModifiedTime(dir.resolve("support.yaml"), FileTime.fromMillis(System.currentTimeMillis() + 60_000));

        RuleFiles.ReloadReport report = files.reloadIfChanged();

        assertThat(report.changed()).as("same content, newer time: nothing to do").isFalse();
        assertThat(files.ruleSet("support").orElseThrow()).isSameAs(first);
    }

    @Test
    void aGoodChangeIsAppliedEvenWithinTheSameTimestamp() throws IOException {
        Path file = put("support-v1.yaml", "support.yaml");
        RuleFiles files = new RuleFiles(dir, directory);
        files.reloadIfChanged();
        FileTime time = Files.getLastModifiedTime(file);

        put("support-v2.yaml", "support.yaml");
        Files.setLastModifiedTime(file, time);
        RuleFiles.ReloadReport report = files.reloadIfChanged();

        assertThat(report.loaded()).containsExactly("support");
        assertThat(report.rejected()).isEmpty();
        assertThat(invoiceAction(files)).isEqualTo(RuleAction.CREATE_TASK);
        assertThat(files.ruleSet("support").orElseThrow().evaluate(mail().subject("invoice").build()).task()
                .assignees()).containsExactly("bob");
    }

    @Test
    void aBadChangeIsRejectedWithFileAndLineAndTheOldRulesStay() throws IOException {
        put("support-v1.yaml", "support.yaml");
        put("sales.yaml", "sales.yaml");
        RuleFiles files = new RuleFiles(dir, directory);
        files.reloadIfChanged();
        RuleSet before = files.ruleSet("support").orElseThrow();

        put("support-bad.yaml", "support.yaml");
        RuleFiles.ReloadReport report = files.reloadIfChanged();

        String path = dir.resolve("support.yaml").toString();
        RuleFileError error = new RuleFileError(path, 7, path + ":7: bad filter expression in 'when': condition 2 does"
                + " not exist (this rule has 1 condition) at position 7 in '1 and 2'");
        assertThat(report.rejected()).containsExactly(error);
        assertThat(report.loaded()).isEmpty();
        assertThat(files.errors()).containsExactly(error);
        assertThat(files.ruleSet("support").orElseThrow()).as("the previous rules stay active").isSameAs(before);
        assertThat(invoiceAction(files)).isEqualTo(RuleAction.IGNORE);
        assertThat(files.ruleSet("sales")).isPresent();

        assertThat(files.reloadIfChanged().changed()).as("the same bad file is reported once").isFalse();
        assertThat(files.errors()).containsExactly(error);

        put("support-v2.yaml", "support.yaml");
        report = files.reloadIfChanged();
        assertThat(report.loaded()).containsExactly("support");
        assertThat(files.errors()).as("fixed").isEmpty();
        assertThat(invoiceAction(files)).isEqualTo(RuleAction.CREATE_TASK);
    }

    @Test
    void aBadNewFileHasNoRulesOnlyAnError() throws IOException {
        put("support-bad.yaml", "support.yaml");
        RuleFiles files = new RuleFiles(dir, directory);
        RuleFiles.ReloadReport report = files.reloadIfChanged();
        assertThat(report.rejected()).extracting(RuleFileError::line).containsExactly(7);
        assertThat(files.ruleSets()).isEmpty();
        assertThat(files.errors()).hasSize(1);
    }

    @Test
    void aDeletedFileTakesItsRulesWithIt() throws IOException {
        put("support-v1.yaml", "support.yaml");
        Path sales = put("sales.yaml", "sales.yaml");
        RuleFiles files = new RuleFiles(dir, directory);
        files.reloadIfChanged();

        Files.delete(sales);
        RuleFiles.ReloadReport report = files.reloadIfChanged();

        assertThat(report.removed()).containsExactly("sales");
        assertThat(files.ruleSets().keySet()).containsExactly("support");
    }

    @Test
    void aFileThatChangesItsAddressMovesItsRules() throws IOException {
        put("support-v1.yaml", "support.yaml");
        RuleFiles files = new RuleFiles(dir, directory);
        files.reloadIfChanged();

        Files.writeString(dir.resolve("support.yaml"), Files.readString(dir.resolve("support.yaml"))
                .replace("address: support", "address: helpdesk"));
        RuleFiles.ReloadReport report = files.reloadIfChanged();

        assertThat(report.loaded()).containsExactly("helpdesk");
        assertThat(report.removed()).containsExactly("support");
        assertThat(files.ruleSets().keySet()).containsExactly("helpdesk");
    }

    @Test
    void aSecondFileForAnAddressIsRejectedUntilTheFirstIsGone() throws IOException {
        Path original = put("support-v1.yaml", "support.yaml");
        RuleFiles files = new RuleFiles(dir, directory);
        files.reloadIfChanged();

        put("support-v2.yaml", "a-support-copy.yaml");
        RuleFiles.ReloadReport report = files.reloadIfChanged();

        String copy = dir.resolve("a-support-copy.yaml").toString();
        assertThat(report.rejected()).containsExactly(new RuleFileError(copy, 0, copy
                + ": address 'support' already has rules in " + original + "; one file per address"));
        assertThat(report.loaded()).isEmpty();
        assertThat(files.ruleSet("support").orElseThrow().file()).as("the file that had it keeps it")
                .isEqualTo(original.toString());
        assertThat(files.reloadIfChanged().changed()).isFalse();
        assertThat(files.errors()).hasSize(1);

        Files.delete(original);
        report = files.reloadIfChanged();
        assertThat(report.loaded()).containsExactly("support");
        assertThat(files.ruleSet("support").orElseThrow().file()).isEqualTo(copy);
        assertThat(files.errors()).isEmpty();
    }

    @Test
    void reloadAllRevalidatesAgainstTheDirectoryAsItIsNow() throws IOException {
        put("support-v2.yaml", "support.yaml");
        List<String> logins = new ArrayList<>(List.of("alice", "bob"));
        RuleReferences live = new RuleReferences() {
            @Override
            public boolean projectExists(int number) {
                return true;
            }

            @Override
            public boolean employeeExists(String login) {
                return logins.contains(login);
            }
        };
        RuleFiles files = new RuleFiles(dir, live);
        files.reloadIfChanged();
        logins.remove("bob");

        assertThat(files.reloadIfChanged().changed()).as("content unchanged: not re-validated").isFalse();
        RuleFiles.ReloadReport report = files.reloadAll();

        assertThat(report.rejected()).extracting(RuleFileError::message).singleElement().asString()
                .endsWith(":9: no employee with login 'bob'");
        assertThat(files.ruleSet("support")).as("old rules kept").isPresent();
    }

    @Test
    void aMissingFolderMeansNoRules() {
        RuleFiles files = new RuleFiles(dir.resolve("absent"), directory);
        assertThat(files.reloadIfChanged().changed()).isFalse();
        assertThat(files.ruleSets()).isEmpty();
        assertThat(files.errors()).isEmpty();
    }

    @Test
    void theWatcherReloadsWhenAFileChanges() throws IOException {
        put("support-v1.yaml", "support.yaml");
        RuleFiles files = new RuleFiles(dir, directory);
        List<RuleFiles.ReloadReport> reports = new CopyOnWriteArrayList<>();
        try (RuleFileWatcher watcher = new RuleFileWatcher(files, reports::add)) {
            watcher.start();
            assertThat(watcher.running()).isTrue();
            assertThat(reports).extracting(RuleFiles.ReloadReport::loaded).containsExactly(List.of("support"));
            assertThat(invoiceAction(files)).isEqualTo(RuleAction.IGNORE);

            put("support-v2.yaml", "support.yaml");

            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> invoiceAction(files) == RuleAction.CREATE_TASK);
            watcher.close();
            assertThat(watcher.running()).isFalse();
        }
    }
}
