package dev.mailtask.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailtask.store.Database;

/** Error bodies of the REST API: a status and a message, never a stack trace. */
public final class ApiErrors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int UNAVAILABLE = 503;

    public int status(Throwable failure) {
        ApiException api = api(failure);
        if (api != null) {
            return api.status();
        }
        return Database.isConnectionFailure(failure) ? UNAVAILABLE : 500;
    }

    public String body(Throwable failure) {
        int status = status(failure);
        ApiException api = api(failure);
        String message = api != null ? api.getMessage()
                : status == UNAVAILABLE ? "the database is unavailable; try again shortly"
                : "internal error; the server log has the details";
        try {
            return JSON.writeValueAsString(new Views.Error(status, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The refusal behind a failure: Camel wraps what a bean throws inside an expression (the auth check). */
    private static ApiException api(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException api) {
                return api;
            }
        }
        return null;
    }
}
