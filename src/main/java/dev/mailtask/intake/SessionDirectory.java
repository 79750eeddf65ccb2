package dev.mailtask.intake;

import java.util.Optional;
import org.hibernate.Session;

/** {@link DirectoryLookup} answered by the database within the caller's transaction. */
final class SessionDirectory implements DirectoryLookup {

    private final Session session;

    SessionDirectory(Session session) {
        this.session = session;
    }

    @Override
    public Optional<Long> employeeByLogin(String login) {
        return session.createSelectionQuery("select e.id from Employee e where e.login = :v and e.active", Long.class)
                .setParameter("v", login)
                .uniqueResultOptional();
    }

    @Override
    public Optional<Long> virtualAddressByName(String name) {
        return session.createSelectionQuery("select v.id from VirtualAddress v where v.name = :v", Long.class)
                .setParameter("v", name)
                .uniqueResultOptional();
    }

    @Override
    public Optional<Long> taskByNumber(long number) {
        return session.createSelectionQuery("select t.id from Task t where t.number = :v", Long.class)
                .setParameter("v", number)
                .uniqueResultOptional();
    }

    @Override
    public Optional<Long> projectByNumber(int number) {
        return session.createSelectionQuery("select p.id from Project p where p.number = :v", Long.class)
                .setParameter("v", number)
                .uniqueResultOptional();
    }
}
