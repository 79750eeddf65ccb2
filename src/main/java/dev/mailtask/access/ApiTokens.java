package dev.mailtask.access;

import dev.mailtask.store.Database;
import dev.mailtask.store.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hibernate.exception.ConstraintViolationException;

/**
 * API tokens: made, listed, revoked, and turned back into a {@link Principal} on every request.
 *
 * <p>A token is {@code mt_} and 32 random bytes (base64url). Only its SHA-256 is stored. A password needs a
 * salted, deliberately slow hash because people choose guessable ones; a 256-bit random token cannot be
 * guessed or looked up in a table, so one unsalted SHA-256 is as strong as the token and lets a request
 * find its token by an indexed lookup of the hash.
 *
 * <p>The configured token ({@code mailtask.api.token}) is the bootstrap admin token: kept here only as its
 * hash, never stored, never listed, and replaced by changing the configuration.
 */
public final class ApiTokens {

    public static final String TOKEN_PREFIX = "mt_";
    /** Visible characters kept as the prefix: "mt_" and 6 of 43 (36 of 256 bits), enough to tell tokens apart. */
    private static final int SHOWN = TOKEN_PREFIX.length() + 6;
    /** A request is a read: last_used_at is written at most this often per token. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._@-]{0,99}");
    /** Longer than any token we make: not worth hashing, never valid. */
    private static final int MAX_TOKEN_LENGTH = 200;

    private final Database database;
    private final Clock clock;
    private final byte[] bootstrapHash;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(Database database, Clock clock, String bootstrapToken) {
        if (bootstrapToken == null || bootstrapToken.isBlank()) {
            throw new IllegalArgumentException("an API token is required");
        }
        this.database = database;
        this.clock = clock;
        this.bootstrapHash = Sha256.digest(bootstrapToken.getBytes(StandardCharsets.UTF_8));
    }

    /** A new token and, once only, its secret. */
    public record Created(ApiToken token, String secret) {
    }

    /** The name is already used by an active token. */
    public static final class NameTaken extends RuntimeException {
        NameTaken(String name) {
            super("an active token named '" + name + "' exists; revoke it first or choose another name");
        }
    }

    /**
     * @throws IllegalArgumentException for a name that is blank, too long, reserved or has odd characters
     * @throws NameTaken                when an active token has this name
     */
    public Created create(String name, Role role, String createdBy) {
        String clean = name == null ? "" : name.strip();
        if (!NAME.matcher(clean).matches()) {
            throw new IllegalArgumentException("name must be 1-100 letters, digits, spaces, '.', '_', '@' or '-',"
                    + " starting with a letter or digit");
        }
        if (clean.toLowerCase(Locale.ROOT).equals(Principal.BOOTSTRAP)) {
            throw new IllegalArgumentException("'" + Principal.BOOTSTRAP + "' names the configured token");
        }
        if (role == null) {
            throw new IllegalArgumentException("role is required");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiToken token = new ApiToken(clean, role, hash(secret), secret.substring(0, SHOWN), now(), createdBy);
        try {
            database.run(s -> {
                // Checked first for a clean answer; the unique constraint decides a race.
                if (s.createSelectionQuery("select count(t) from ApiToken t where t.activeName = :n", Long.class)
                        .setParameter("n", clean).getSingleResult() > 0) {
                    throw new NameTaken(clean);
                }
                s.persist(token);
                s.flush();
            });
        } catch (ConstraintViolationException e) {
            throw new NameTaken(clean);
        }
        return new Created(token, secret);
    }

    /** Every stored token, revoked ones too, oldest first. */
    public List<ApiToken> list() {
        return database.inTransaction(s -> s.createSelectionQuery("from ApiToken t order by t.id", ApiToken.class)
                .getResultList());
    }

    /** Revokes a token; effective on the next request. Empty when there is no such token. */
    public Optional<ApiToken> revoke(long id) {
        Instant now = now();
        return database.inTransaction(s -> {
            ApiToken token = s.find(ApiToken.class, id);
            if (token != null) {
                token.revoke(now);
            }
            return Optional.ofNullable(token);
        });
    }

    /** Who holds this token; empty for an unknown or revoked one. */
    public Optional<Principal> authenticate(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        byte[] digest = Sha256.digest(secret.getBytes(StandardCharsets.UTF_8));
        // Constant-time: the bootstrap token is compared, not looked up.
        if (MessageDigest.isEqual(digest, bootstrapHash)) {
            return Optional.of(Principal.bootstrap());
        }
        if (!secret.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        String hash = HexFormat.of().formatHex(digest);
        Instant now = now();
        return database.inTransaction(s -> {
            Optional<ApiToken> found = s.createSelectionQuery(
                            "from ApiToken t where t.tokenHash = :h and t.revokedAt is null", ApiToken.class)
                    .setParameter("h", hash).uniqueResultOptional();
            found.filter(t -> t.lastUsedAt() == null || t.lastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION)))
                    // Conditional, so concurrent requests of one token write once per minute, not once each.
                    .ifPresent(t -> s.createMutationQuery("update ApiToken t set t.lastUsedAt = :now where t.id = :id"
                                    + " and (t.lastUsedAt is null or t.lastUsedAt < :cutoff)")
                            .setParameter("now", now).setParameter("id", t.id())
                            .setParameter("cutoff", now.minus(LAST_USED_RESOLUTION)).executeUpdate());
            return found.map(t -> new Principal(t.name(), t.role(), t.id()));
        });
    }

    /** As the database keeps it, so the create answer shows the time the list will show. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The stored form of a token: SHA-256, hex. */
    static String hash(String secret) {
        return Sha256.hex(secret.getBytes(StandardCharsets.UTF_8));
    }
}
