package dev.mailtask.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mailtask.intake.Failures;
import dev.mailtask.store.Database;
import dev.mailtask.store.DatabaseSettings;
import dev.mailtask.store.DatabaseUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import org.hsqldb.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Right after the database failed to give a connection, work fails at once, as an outage; then it is tried again. */
class DatabaseFailFastTest {

    @TempDir
    Path dir;

    @Test
    void workRightAfterAConnectionFailureIsNotTriedAndWorkAfterThePauseIs() throws Exception {
        int port = TestBundle.freePort();
        Server server = DatabaseServer.start(dir, port);
        try (Database database = new Database(new DatabaseSettings("jdbc:hsqldb:hsql://127.0.0.1:" + port + "/mailtask",
                "SA", "", 2, 500, 0))) {
            assertThat(count(database)).isZero();

            server.stop();
            assertThatThrownBy(() -> count(database)).as("the first caller meets the outage")
                    .isNotInstanceOf(DatabaseUnavailableException.class)
                    .satisfies(e -> assertThat(Failures.isTransient(e)).isTrue());
            assertThatThrownBy(() -> count(database)).as("the next is not even tried")
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("database unavailable")
                    .satisfies(e -> assertThat(Failures.isTransient(e)).as("an outage like any other").isTrue());

            server = DatabaseServer.start(dir, port);
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> count(database) == 0);
        } finally {
            server.stop();
        }
    }

    private static long count(Database database) {
        return database.inTransaction(s -> s.createSelectionQuery("select count(t) from Task t", Long.class)
                .getSingleResult());
    }
}
