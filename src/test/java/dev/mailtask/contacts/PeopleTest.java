package dev.mailtask.contacts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailtask.directory.Employee;
import dev.mailtask.mail.MailAddress;
import dev.mailtask.store.Database;
import dev.mailtask.store.DatabaseSettings;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Matching addresses to people against the real schema (in-memory HSQLDB, migrations applied). */
class PeopleTest {

    static Database database;
    final People people = new People();

    @BeforeAll
    static void open() {
        database = new Database(new DatabaseSettings("jdbc:hsqldb:mem:people", "SA", "", 2, 2000, 0));
        database.run(s -> {
            Employee erin = new Employee("erin", "Erin Employee", "erin@staff.example");
            erin.setAdditionalEmails(List.of("erin.private@home.example"));
            s.persist(erin);
            Contact carol = new Contact("Carol", "carol@client.example", Instant.EPOCH);
            carol.setAdditionalEmails(List.of("c.client@gmail.example"));
            s.persist(carol);
        });
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void contactsAreMatchedOnPrimaryAndAdditionalEmailsIgnoringCase() {
        People.Person byAdditional = database.inTransaction(
                s -> people.findOrCreate(s, new MailAddress("C.Client@Gmail.Example", "Whoever"), Instant.now()));
        People.Person byPrimary = database.inTransaction(
                s -> people.findOrCreate(s, new MailAddress("CAROL@client.example", ""), Instant.now()));
        assertThat(byAdditional.contact().name()).isEqualTo("Carol");
        assertThat(byPrimary.contact().id()).isEqualTo(byAdditional.contact().id());
    }

    @Test
    void employeesAreRecognisedByTheirEmailsAndGetNoContact() {
        People.Person person = database.inTransaction(
                s -> people.findOrCreate(s, new MailAddress("Erin.Private@home.example", "Erin"), Instant.now()));
        assertThat(person.employee().login()).isEqualTo("erin");
        assertThat(person.contact()).isNull();
    }

    @Test
    void unknownSendersBecomeContactsNamedByDisplayNameElseLocalPart() {
        People.Person named = database.inTransaction(
                s -> people.findOrCreate(s, new MailAddress("New.Person@Else.example", "\"Nina New\""), Instant.now()));
        People.Person unnamed = database.inTransaction(
                s -> people.findOrCreate(s, new MailAddress("ops-team@else.example", ""), Instant.now()));
        assertThat(named.contact().name()).isEqualTo("Nina New");
        assertThat(named.contact().email()).isEqualTo("new.person@else.example");
        assertThat(unnamed.contact().name()).isEqualTo("ops-team");
        long contacts = database.inTransaction(
                s -> s.createSelectionQuery("select count(c) from Contact c", Long.class).getSingleResult());
        assertThat(contacts).isEqualTo(3);
    }

    @Test
    void controlCharactersInANameFromAMailHeaderBecomeSpaces() {
        assertThat(People.contactName(new MailAddress("nul@else.example", "Nina\u0000New\u0085\u007F"))).isEqualTo(
                "Nina New");
        assertThat(People.contactName(new MailAddress("nul\u0000@else.example", "\u0000"))).isEqualTo("nul");
    }
}
