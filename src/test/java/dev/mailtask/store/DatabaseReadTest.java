package dev.mailtask.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtask.contacts.Contact;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hibernate.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A read sees one snapshot: what commits while it runs shows in none of its queries. */
class DatabaseReadTest {

    @TempDir
    Path dir;

    @Test
    void aCommitDuringAReadIsNotSeenByItsLaterQueriesButIsByTheNextRead() {
        try (Database database = new Database(new DatabaseSettings("jdbc:hsqldb:file:" + dir.resolve("db"), "SA", "",
                4, 2000, 0))) {
            List<Long> seen = database.read(session -> {
                long before = contacts(session);
                addContact(database, "nia@client.example");
                return List.of(before, contacts(session));
            });
            assertThat(seen).as("both queries of the read: the same snapshot").containsExactly(0L, 0L);
            assertThat(database.read(DatabaseReadTest::contacts)).isEqualTo(1L);

            long seenByAnOrdinaryTransaction = database.inTransaction(session -> {
                long before = contacts(session);
                addContact(database, "oda@client.example");
                return contacts(session) - before;
            });
            assertThat(seenByAnOrdinaryTransaction).as("each query of an ordinary transaction sees the latest commit")
                    .isEqualTo(1L);
        }
    }

    /** Commits a contact from another thread (another connection) while the caller's transaction is open. */
    private static void addContact(Database database, String email) {
        CompletableFuture.runAsync(() -> database.run(s -> s.persist(new Contact("Someone", email, Instant.EPOCH))))
                .join();
    }

    private static long contacts(Session session) {
        return session.createSelectionQuery("select count(c) from Contact c", Long.class).getSingleResult();
    }
}
