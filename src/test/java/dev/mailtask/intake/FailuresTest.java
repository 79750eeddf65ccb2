package dev.mailtask.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void connectionFailuresAreTransientAnywhereInTheChain() {
        assertThat(Failures.isTransient(new RuntimeException(new SQLTransientConnectionException("pool timeout"))))
                .isTrue();
        assertThat(Failures.isTransient(new IllegalStateException("x", new ConnectException("refused")))).isTrue();
        assertThat(Failures.isTransient(new RuntimeException(new SQLException("gone", "08006")))).isTrue();
    }

    @Test
    void mailAndProgramErrorsAreNotTransient() {
        assertThat(Failures.isTransient(new NullPointerException())).isFalse();
        assertThat(Failures.isTransient(new RuntimeException(new SQLException("value too long", "22001")))).isFalse();
    }

    @Test
    void describeListsTheCauses() {
        assertThat(Failures.describe(new IllegalStateException("outer", new ConnectException("refused"))))
                .isEqualTo("java.lang.IllegalStateException: outer\ncaused by: java.net.ConnectException: refused");
    }

    @Test
    void describeKeepsStatementsAndDriverWordsOutOfTheText() {
        SQLException driver = new SQLException("data exception: string data, right truncation; table: MESSAGE",
                "22001");
        String text = Failures.describe(new IllegalStateException("storing the mail",
                new org.hibernate.exception.DataException("could not execute statement [x] [insert into message"
                        + " (subject) values (?)]", driver)));
        assertThat(text).isEqualTo("java.lang.IllegalStateException: storing the mail\ncaused by: a database"
                + " statement failed (SQL state 22001); the server log has the details");
        assertThat(Failures.describe(driver)).doesNotContain("table").contains("22001");
    }

    @Test
    void aWrapperQuotingTheDatabaseFailureIsNotQuotedEither() {
        var jdbc = new org.hibernate.exception.ConstraintViolationException("could not execute batch [check"
                + " constraint violation] [insert into task (title) values (?)]", new SQLException("check", "23513"),
                "ck_task");
        String text = Failures.describe(new jakarta.persistence.RollbackException("Error while committing the"
                + " transaction [" + jdbc.getMessage() + "]", jdbc));
        assertThat(text).isEqualTo("jakarta.persistence.RollbackException\ncaused by: a database statement failed"
                + " (SQL state 23513); the server log has the details");
    }
}
