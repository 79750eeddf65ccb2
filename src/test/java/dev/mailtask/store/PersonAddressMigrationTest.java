package dev.mailtask.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V13 moves every address into one table with a unique key, also when the old tables held one twice. */
class PersonAddressMigrationTest {

    private static final String URL = "jdbc:hsqldb:mem:person-address-migration";

    @Test
    void anAddressHeldTwiceStaysWithOneOwnerEmployeesAndPrimaryAddressesFirst() throws Exception {
        Flyway.configure().dataSource(URL, "SA", "").locations("classpath:db/migration").target("10")
                .placeholders(Map.of("bytes", "VARBINARY(1000)", "large_bytes", "BLOB(1M)", "text", "VARCHAR(10000)",
                        "drop_not_null", "SET NULL"))
                .load().migrate();
        try (Connection c = DriverManager.getConnection(URL, "SA", ""); Statement s = c.createStatement()) {
            s.execute("insert into employee (id, login, name, email, active) values (1, 'alice', 'Alice',"
                    + " 'alice@staff.example', true), (2, 'bob', 'Bob', 'team@staff.example', true),"
                    + " (3, 'carl', 'Carl', 'team@staff.example', true)");
            s.execute("insert into employee_email values (1, 'alice.home@home.example'), (2, 'alice@staff.example')");
            s.execute("insert into contact (id, name, email, spammer, created_at) values"
                    + " (10, 'Carol', 'carol@client.example', false, current_timestamp),"
                    + " (11, 'Dave', 'dave@client.example', false, current_timestamp),"
                    + " (12, 'Not Alice', 'alice.home@home.example', false, current_timestamp)");
            s.execute("insert into contact_email values (10, 'dave@client.example'), (10, 'carol.home@home.example'),"
                    + " (11, 'carol@client.example')");
        }
        try (Database database = new Database(new DatabaseSettings(URL, "SA", "", 2, 2000, 0))) {
            List<String> rows = database.inTransaction(s -> s.createNativeQuery(
                    "select email, contact_id, employee_id from person_address order by email", Object[].class)
                    .getResultList().stream().map(java.util.Arrays::toString).toList());
            assertThat(rows).containsExactly(
                    "[alice.home@home.example, null, 1]",
                    "[alice@staff.example, null, 1]",
                    "[carol.home@home.example, 10, null]",
                    "[carol@client.example, 10, null]",
                    "[dave@client.example, 11, null]",
                    "[team@staff.example, null, 2]");
        }
    }
}
