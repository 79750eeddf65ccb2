package dev.mailtask.store;

import java.sql.SQLTransientConnectionException;

/**
 * The database failed to give a connection moments ago, so this unit of work was not tried. Its cause is an
 * {@link SQLTransientConnectionException}: callers treat it like any other outage (mail stays on the server).
 */
public final class DatabaseUnavailableException extends RuntimeException {

    DatabaseUnavailableException(String message) {
        super(message, new SQLTransientConnectionException(message));
    }
}
