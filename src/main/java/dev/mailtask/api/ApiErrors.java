package dev.mailtask.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Error bodies of the REST API: a status and a message, never a stack trace. */
public final class ApiErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    public int status(Throwable failure) {
        return failure instanceof ApiException api ? api.status() : 500;
    }

    public String body(Throwable failure) {
        int status = status(failure);
        String message = failure instanceof ApiException ? failure.getMessage()
                : "internal error; the server log has the details";
        try {
            return JSON.writeValueAsString(new Views.Error(status, message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
