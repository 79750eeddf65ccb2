package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtask.camel.MailtaskMain;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundle refuses to start on configuration it cannot honour, and says what to fix. */
class StartupTest {

    @TempDir
    Path dir;

    @Test
    void refusesToStartWithoutAnApiToken() throws Exception {
        Map<String, String> settings = TestBundle.settings(dir, "jdbc:hsqldb:mem:no-token", "accounts: []\n");
        settings.put("mailtask.api.token", "");
        Main main = MailtaskMain.create(null, settings);
        try {
            assertThatThrownBy(main::start).hasStackTraceContaining("mailtask.api.token is not set");
        } finally {
            main.stop();
        }
    }

    @Test
    void refusesABadAccountsFileNamingFileAndLine() throws Exception {
        Map<String, String> settings = TestBundle.settings(dir, "jdbc:hsqldb:mem:bad-accounts", """
                accounts:
                  - id: x
                    protocol: imap
                    host: h
                    username: u
                    password: plain-secret
                    address: a@b.c
                """);
        Main main = MailtaskMain.create(null, settings);
        try {
            assertThatThrownBy(main::start).hasStackTraceContaining("accounts.yaml:6: password must be a placeholder");
        } finally {
            main.stop();
        }
    }
}
