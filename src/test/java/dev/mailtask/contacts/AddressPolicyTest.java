package dev.mailtask.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtask.directory.Employee;
import dev.mailtask.store.Database;
import dev.mailtask.store.DatabaseSettings;
import java.time.Instant;
import java.util.List;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which addresses a person may be given, against the real schema (in-memory HSQLDB, migrations applied). */
class AddressPolicyTest {

    static Database database;
    static long carol;
    static long dave;
    final AddressPolicy policy = new AddressPolicy(a -> a.domain().equals("ours.example"), new People());

    @BeforeAll
    static void open() {
        database = new Database(new DatabaseSettings("jdbc:hsqldb:mem:address-policy", "SA", "", 2, 2000, 0));
        database.run(s -> {
            Employee erin = new Employee("erin", "Erin", "erin@staff.example");
            erin.setAdditionalEmails(List.of("erin.private@home.example"));
            s.persist(erin);
            Contact c = new Contact("Carol", "carol@client.example", Instant.EPOCH);
            c.setAdditionalEmails(List.of("c.client@gmail.example"));
            s.persist(c);
            Contact d = new Contact("Dave", "dave@client.example", Instant.EPOCH);
            s.persist(d);
            s.flush();
            carol = c.id();
            dave = d.id();
        });
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void aPlainMailboxIsLowerCasedAndAnythingElseRefusedNamingIt() {
        assertThat(AddressPolicy.mailbox("  Kay.O'Neil+x@Client.Example ")).isEqualTo("kay.o'neil+x@client.example");
        assertThat(AddressPolicy.mailbox("петр@пример.рф")).isEqualTo("петр@пример.рф");
        for (String bad : List.of("dave@client.example\r\nBcc: x@evil.example", "da\u0000ve@client.example",
                "dave@client.example\n", "Dave <dave@client.example>", "dave", "@client.example", "dave@",
                "dave@localhost", "da..ve@client.example", ".dave@client.example", "dave@client..example",
                "dave@-client.example", "a,b@client.example", "\"dave\"@client.example", "dave@[192.0.2.1]",
                "x".repeat(65) + "@client.example", "x@" + "a".repeat(250) + ".example", "")) {
            assertThatThrownBy(() -> AddressPolicy.mailbox(bad)).as(bad).isInstanceOf(AddressPolicy.Refused.class)
                    .satisfies(e -> assertThat(((AddressPolicy.Refused) e).taken()).isFalse())
                    .hasMessageNotContaining("\r").hasMessageNotContaining("\n").hasMessageNotContaining("\u0000");
        }
        assertThatThrownBy(() -> AddressPolicy.mailbox("dave@client.example\r\nBcc: x@evil.example"))
                .hasMessageContaining("dave@client.example\\u000d\\u000aBcc").hasMessageContaining("control");
    }

    @Test
    void ourAddressesAndOtherPeoplesAreRefused() {
        database.run(s -> {
            Contact c = s.find(Contact.class, carol);
            assertThat(policy.check(s, List.of("C.Client@gmail.example", "carol@client.example", "new@client.example",
                    "new@client.example"), c)).containsExactly("c.client@gmail.example", "carol@client.example",
                    "new@client.example");
            assertRefused(() -> policy.check(s, "support@ours.example", c), false, "support@ours.example");
            assertRefused(() -> policy.check(s, "Dave@Client.example", c), true, "dave@client.example");
            assertRefused(() -> policy.check(s, "erin@staff.example", c), true, "erin@staff.example");
            assertRefused(() -> policy.check(s, "erin.private@home.example", c), true, "erin.private@home.example");
            assertRefused(() -> policy.check(s, "carol@client.example", s.find(Contact.class, dave)), true,
                    "carol@client.example");
        });
    }

    private static void assertRefused(Runnable check, boolean taken, String naming) {
        assertThatThrownBy(check::run).isInstanceOf(AddressPolicy.Refused.class).hasMessageContaining(naming)
                .satisfies(e -> assertThat(((AddressPolicy.Refused) e).taken()).isEqualTo(taken));
    }

    /** Past the checks (two transactions at once), the database still holds each address for one person. */
    @Test
    void theDatabaseKeepsEachAddressWithOnePerson() {
        assertThatThrownBy(() -> database.run(s -> {
            s.find(Contact.class, dave).setAdditionalEmails(List.of("c.client@gmail.example"));
            s.flush();
        })).isInstanceOf(ConstraintViolationException.class);
        assertThatThrownBy(() -> database.run(s -> {
            s.persist(new Contact("Copy", "erin@staff.example", Instant.EPOCH));
            s.flush();
        })).isInstanceOf(ConstraintViolationException.class);
        assertThatThrownBy(() -> database.run(s -> {
            s.persist(new Employee("copy", "Copy", "dave@client.example"));
            s.flush();
        })).isInstanceOf(ConstraintViolationException.class);
        List<String> daves = database.inTransaction(s -> s.find(Contact.class, dave).additionalEmails());
        assertThat(daves).isEmpty();
    }
}
