package dev.mailtask.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks {@code Authorization: Bearer <token>} against the configured token. */
public final class ApiAuth {

    private final byte[] token;

    public ApiAuth(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an API token is required");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public void check(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "missing 'Authorization: Bearer <token>' header");
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            throw new ApiException(401, "invalid API token");
        }
    }
}
