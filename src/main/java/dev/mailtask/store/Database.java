package dev.mailtask.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mailtask.access.ApiToken;
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
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.internal.exception.sqlExceptions.FlywaySqlUnableToConnectToDbException;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.TransactionException;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database: a connection pool, the schema brought up to date by Flyway migrations, and a Hibernate
 * session factory. Every unit of work is one transaction through {@link #inTransaction}.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** How long work fails at once after the database failed to give a connection. */
    static final long OUTAGE_PAUSE_MILLIS = 2000;

    private final HikariDataSource dataSource;
    private final SessionFactory sessionFactory;
    private volatile String outage;
    private volatile long outageUntil;

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
                .locations(hsqldb ? new String[] {"classpath:db/migration"}
                        : new String[] {"classpath:db/migration", "classpath:db/postgresql"})
                .placeholders(Map.of(
                        "bytes", hsqldb ? "VARBINARY(1073741824)" : "BYTEA",
                        "large_bytes", hsqldb ? "BLOB(1G)" : "BYTEA",
                        "text", hsqldb ? "VARCHAR(268435456)" : "TEXT",
                        "large_text", hsqldb ? "CLOB(1G)" : "TEXT",
                        "drop_not_null", hsqldb ? "SET NULL" : "DROP NOT NULL"))
                .load()
                .migrate();
    }

    private SessionFactory sessionFactory() {
        return new HibernatePersistenceConfiguration("mailtask")
                .managedClasses(MailAccountRecord.class, Employee.class, Project.class, VirtualAddress.class,
                        Contact.class, Task.class, Comment.class, Attachment.class, MessageRecord.class,
                        RawMail.class, RuleSetSource.class,
                        OutboxMail.class, InstanceSetting.class, ApiToken.class)
                .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                .property(AvailableSettings.STATEMENT_BATCH_SIZE, 50)
                .property(AvailableSettings.ORDER_INSERTS, true)
                .property(AvailableSettings.SHOW_SQL, false)
                .createEntityManagerFactory();
    }

    /**
     * Runs {@code work} in one transaction and returns its result; rolls back on any exception. Right after
     * the database failed to give a connection, work fails at once for {@link #OUTAGE_PAUSE_MILLIS} instead
     * of each caller waiting out the connection timeout: a poll of 500 mails during an outage would
     * otherwise hold its mailbox for 500 timeouts.
     */
    public <T> T inTransaction(Function<Session, T> work) {
        String outage = this.outage;
        if (outage != null && System.nanoTime() - outageUntil < 0) {
            throw new DatabaseUnavailableException("database unavailable, not tried again yet: " + outage);
        }
        try {
            T result = sessionFactory.fromTransaction(work);
            this.outage = null;
            return result;
        } catch (RuntimeException e) {
            if (isConnectionFailure(e)) {
                outageUntil = System.nanoTime() + OUTAGE_PAUSE_MILLIS * 1_000_000;
                this.outage = rootCause(e);
            }
            throw e;
        }
    }

    /**
     * Runs read-only {@code work} on one snapshot of the database: every query of it sees the same committed
     * state, so an answer never shows a comment without the participants its mail added. (By default each
     * query sees what is committed when it runs.) Read-only snapshots neither block writers nor fail.
     */
    public <T> T read(Function<Session, T> work) {
        return inTransaction(session -> {
            session.doWork(connection -> connection.setTransactionIsolation(
                    Connection.TRANSACTION_REPEATABLE_READ));
            return work.apply(session);
        });
    }

    public void run(Consumer<Session> work) {
        inTransaction(session -> {
            work.accept(session);
            return null;
        });
    }

    /**
     * The database could not be reached or the connection broke (whatever the driver calls it), as opposed
     * to a failing statement.
     */
    public static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JDBCConnectionException
                    // begin or commit failed in JDBC: the pool handed out a connection that had died
                    || t instanceof TransactionException && t.getCause() instanceof SQLException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException
                    || t instanceof ConnectException
                    || t instanceof SocketException
                    // SQLSTATE class 08: connection exception, whatever the driver's exception type
                    || t instanceof SQLException sql && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        sessionFactory.close();
        dataSource.close();
    }
}
