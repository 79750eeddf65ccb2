package dev.mailtask.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailtask.access.ApiToken;
import dev.mailtask.access.ApiTokens;
import dev.mailtask.access.Principal;
import dev.mailtask.access.Role;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/tokens}: create ({"name", "role"}; the answer holds the token, the only time it is shown),
 * list (never a token or its hash) and revoke.
 */
public final class TokensApi {

    private static final Logger LOG = LoggerFactory.getLogger(TokensApi.class);

    private final ApiTokens tokens;

    public TokensApi(ApiTokens tokens) {
        this.tokens = tokens;
    }

    public record TokenView(long id, String name, String role, String prefix, String createdAt, String createdBy,
            String lastUsedAt, String revokedAt) {
    }

    /** The answer to a create: the view and the token itself. */
    public record CreatedToken(long id, String name, String role, String prefix, String createdAt, String createdBy,
            String token) {
    }

    public CreatedToken create(String body, Principal by) {
        JsonNode json = JsonBody.parse(body, JsonBody.text("name", 255), JsonBody.text("role", 20));
        Role role = role(json.path("role").asText(""));
        ApiTokens.Created created;
        try {
            created = tokens.create(json.path("name").asText(""), role, by.name());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (ApiTokens.NameTaken e) {
            throw new ApiException(409, e.getMessage());
        }
        ApiToken t = created.token();
        LOG.info("API token {} '{}' ({}, {}…) created by {}", t.id(), t.name(), t.role(), t.prefix(), by.name());
        return new CreatedToken(t.id(), t.name(), t.role().name(), t.prefix(), iso(t.createdAt()), t.createdBy(),
                created.secret());
    }

    public List<TokenView> list() {
        return tokens.list().stream().map(TokensApi::view).toList();
    }

    public void revoke(String id, Principal by) {
        long tokenId = ReadApi.id("token", id);
        ApiToken t = tokens.revoke(tokenId).orElseThrow(() -> ApiException.notFound("no token " + tokenId));
        LOG.info("API token {} '{}' revoked by {}", t.id(), t.name(), by.name());
    }

    private static Role role(String value) {
        return ReadApi.enumValue(Role.class, "role", value);
    }

    private static TokenView view(ApiToken t) {
        return new TokenView(t.id(), t.name(), t.role().name(), t.prefix(), iso(t.createdAt()), t.createdBy(),
                iso(t.lastUsedAt()), iso(t.revokedAt()));
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
