package dev.mailtask.it;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test mail server and one bundle polling it over IMAP, shared by all tests of a class: a class starts
 * them in its {@code @BeforeAll} with {@link #startShared}; they are stopped after its last test. The fields
 * are static, so test classes must not run in parallel (the build runs them one after another).
 */
abstract class SharedImapBundle {

    @TempDir
    static Path dir;

    static TestMailServer mail;
    static TestBundle bundle;

    /** Starts the mail server and the bundle with these settings over the defaults. */
    static void startShared(Map<String, String> extra) throws Exception {
        mail = new TestMailServer();
        Map<String, String> settings = TestBundle.imapSettings(dir, mail);
        settings.putAll(extra);
        bundle = TestBundle.start(settings);
    }

    @AfterAll
    static void stopShared() throws Exception {
        bundle.close();
        mail.close();
    }
}
