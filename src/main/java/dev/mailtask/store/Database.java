package dev.mailtask.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mailtask.contacts.Contact;
import dev.mailtask.conversation.InstanceSetting;
import dev.mailtask.conversation.OutboxMail;
import dev.mailtask.directory.Employee;
import dev.mailtask.directory.MailAccountRecord;
import dev.mailtask.directory.Project;
import dev.mailtask.directory.RuleSetSource;
import dev.mailtask.directory.VirtualAddress;
import dev.mailtask.intake.MessageRecord;
import dev.mailtask.intake.RawMail;
import dev.mailtask.tasks.Attachment;
import dev.mailtask.tasks.Comment;
import dev.mailtask.tasks.Task;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.internal.exception.sqlExceptions.FlywaySqlUnableToConnectToDbException;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: a connection pool, the schema brought up to date by Flyway migrations, and a Hibernate
 * session factory. Every unit of work is one transaction through {@link #inTransaction}.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource dataSource;
    private final SessionFactory sessionFactory;

    public Database(DatabaseSettings settings) {
        this.dataSource = dataSource(settings);
        try {
            migrateOnceReachable(settings);
            this.sessionFactory = sessionFactory();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static HikariDataSource dataSource(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("mailtask");
        config.setJdbcUrl(settings.effectiveUrl());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.poolSize());
        config.setConnectionTimeout(settings.connectionTimeoutMillis());
        config.setAutoCommit(false);
        // Start even when the database is briefly unreachable; requests fail until it is back.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    /**
     * A database that is not up yet (PostgreSQL starting with the host) or still locked (an HSQLDB file whose
     * previous owner was killed holds its lock until the lock's heartbeat expires, about 10 s) is waited for.
     */
    private void migrateOnceReachable(DatabaseSettings settings) {
        long deadline = System.nanoTime() + settings.startupWaitMillis() * 1_000_000;
        while (true) {
            try {
                migrate(settings);
                return;
            } catch (FlywaySqlUnableToConnectToDbException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.warn("database not reachable yet, retrying for up to {} ms more: {}{}",
                        (deadline - System.nanoTime()) / 1_000_000, rootCause(e), settings.isHsqldb()
                                ? " (an HSQLDB file database stays locked for about 10 s after its owner was killed)"
                                : "");
                pause(1000);
            }
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the database", e);
        }
    }

    private void migrate(DatabaseSettings settings) {
        boolean hsqldb = settings.isHsqldb();
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(Map.of(
                        "bytes", hsqldb ? "VARBINARY(1073741824)" : "BYTEA",
                        "large_bytes", hsqldb ? "BLOB(1G)" : "BYTEA",
                        "text", hsqldb ? "VARCHAR(268435456)" : "TEXT",
                        "drop_not_null", hsqldb ? "SET NULL" : "DROP NOT NULL"))
                .load()
                .migrate();
    }

    private SessionFactory sessionFactory() {
        return new HibernatePersistenceConfiguration("mailtask")
                .managedClasses(MailAccountRecord.class, Employee.class, Project.class, VirtualAddress.class,
                        Contact.class, Task.class, Comment.class, Attachment.class, MessageRecord.class,
                        RawMail.class, RuleSetSource.class,
                        OutboxMail.class, InstanceSetting.class)
                .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .property(AvailableSettings.STATEMENT_BATCH_SIZE, 50)
                .property(AvailableSettings.ORDER_INSERTS, true)
                .property(AvailableSettings.SHOW_SQL, false)
                .createEntityManagerFactory();
    }

    /** Runs {@code work} in one transaction and returns its result; rolls back on any exception. */
    public <T> T inTransaction(Function<Session, T> work) {
        return sessionFactory.fromTransaction(work);
    }

    public void run(Consumer<Session> work) {
        sessionFactory.inTransaction(work);
    }

    @Override
    public void close() {
        sessionFactory.close();
        dataSource.close();
    }
}
