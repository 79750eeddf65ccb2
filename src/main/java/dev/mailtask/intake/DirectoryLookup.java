package dev.mailtask.intake;

import java.util.Optional;

/** What address resolution asks of the directory; the database answers in production, a map in tests. */
public interface DirectoryLookup {

    Optional<Long> employeeByLogin(String login);

    Optional<Long> virtualAddressByName(String name);

    Optional<Long> projectByNumber(int number);

    Optional<Long> taskByNumber(long number);
}
