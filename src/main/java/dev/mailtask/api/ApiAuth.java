package dev.mailtask.api;

import dev.mailtask.access.AccessTable;
import dev.mailtask.access.ApiTokens;
import dev.mailtask.access.Principal;
import dev.mailtask.access.Role;

/**
 * Every REST request: who is calling ({@code Authorization: Bearer <token>}, 401 without a valid one) and
 * whether their role may make this call ({@link AccessTable}, 403 if not).
 */
public final class ApiAuth {

    private final ApiTokens tokens;

    public ApiAuth(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /**
     * @param method the HTTP method
     * @param path   the path as the HTTP server routed it (the {@code CamelHttpPath} header)
     * @return the caller, for the routes that record who did something
     */
    public Principal check(String authorization, String method, String path) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(401, "missing 'Authorization: Bearer <token>' header");
        }
        Principal principal = tokens.authenticate(authorization.substring(7).trim())
                .orElseThrow(() -> new ApiException(401, "invalid or revoked API token"));
        Role required = AccessTable.required(method, path);
        if (!principal.role().allows(required)) {
            throw new ApiException(403, "this call needs the " + required + " role; token '" + principal.name()
                    + "' has the " + principal.role() + " role");
        }
        return principal;
    }
}
