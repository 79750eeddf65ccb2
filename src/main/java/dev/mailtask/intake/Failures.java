package dev.mailtask.intake;

import dev.mailtask.store.Database;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import org.hibernate.JDBCException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells failures that will pass (the database is down or busy) from failures of the mail itself. */
public final class Failures {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    public static boolean isTransient(Throwable failure) {
        if (Database.isConnectionFailure(failure)) {
            return true;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientIntakeException
                    || t instanceof SQLTransientException
                    || t instanceof org.hibernate.exception.LockAcquisitionException
                    || t instanceof org.hibernate.PessimisticLockException
                    || t instanceof org.hibernate.TransactionException) {
                return true;
            }
        }
        return false;
    }

    /** Rethrows transient failures as {@link TransientIntakeException}; returns the others. */
    public static RuntimeException classify(RuntimeException failure, String doing) {
        if (isTransient(failure) && !(failure instanceof TransientIntakeException)) {
            return new TransientIntakeException(doing + ": " + rootMessage(failure), failure);
        }
        return failure;
    }

    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /**
     * Text kept with a quarantined mail, which agents read: the failure and its causes, one per line, without
     * stack frames. A database failure shows as its SQL state only, and so does a wrapper that quotes it: the
     * statement and the driver's words go to the log.
     */
    public static String describe(Throwable failure) {
        Throwable database = null;
        for (Throwable t = failure; t != null && database == null; t = t.getCause() == t ? null : t.getCause()) {
            database = t instanceof JDBCException || t instanceof SQLException ? t : null;
        }
        if (database != null) {
            LOG.error("database failure behind a quarantined mail (kept with the mail as its SQL state only)",
                    failure);
        }
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (!text.isEmpty()) {
                text.append("\ncaused by: ");
            }
            if (t == database) {
                String state = t instanceof JDBCException jdbc ? jdbc.getSQLState() : ((SQLException) t).getSQLState();
                return text.append("a database statement failed (SQL state ").append(state)
                        .append("); the server log has the details").toString();
            }
            text.append(t.getClass().getName());
            if (t.getMessage() != null && (database == null || database.getMessage() == null
                    || !t.getMessage().contains(database.getMessage()))) {
                text.append(": ").append(t.getMessage());
            }
        }
        return text.toString();
    }
}
