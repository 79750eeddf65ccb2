package dev.mailtask.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtask.store.Database;
import dev.mailtask.store.DatabaseSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The token store on a real (in-memory) database: what is kept, who a token is, revocation, last use. */
class ApiTokensTest {

    /** One database for the class (starting Hibernate is the slow part); each test starts with no tokens. */
    private static Database database;
    private final MovableClock clock = new MovableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private ApiTokens tokens;

    @BeforeAll
    static void open() {
        database = new Database(new DatabaseSettings("jdbc:hsqldb:mem:tokens-" + UUID.randomUUID(), "SA", "", 2, 2000,
                0));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void empty() {
        database.run(s -> s.createMutationQuery("delete from ApiToken").executeUpdate());
        tokens = new ApiTokens(database, clock, "configured-secret");
    }

    @Test
    void aTokenIs256RandomBitsAndOnlyItsHashAndPrefixAreKept() {
        ApiTokens.Created created = tokens.create(" ci bot ", Role.AGENT, "bootstrap");

        String secret = created.secret();
        assertThat(secret).startsWith("mt_");
        assertThat(Base64.getUrlDecoder().decode(secret.substring(3))).hasSize(32);
        ApiToken stored = tokens.list().get(0);
        assertThat(stored.name()).isEqualTo("ci bot");
        assertThat(stored.tokenHash()).isEqualTo(ApiTokens.hash(secret)).hasSize(64).doesNotContain(secret);
        assertThat(stored.prefix()).isEqualTo(secret.substring(0, 9));
        assertThat(stored.createdAt()).isEqualTo(clock.instant());
        assertThat(stored.createdBy()).isEqualTo("bootstrap");
        assertThat(tokens.create("other", Role.AGENT, "x").secret()).isNotEqualTo(secret);
    }

    @Test
    void aTokenNamesItsHolderAndRole() {
        String secret = tokens.create("ci", Role.AGENT, "bootstrap").secret();

        assertThat(tokens.authenticate(secret)).hasValueSatisfying(p -> {
            assertThat(p.name()).isEqualTo("ci");
            assertThat(p.role()).isEqualTo(Role.AGENT);
            assertThat(p.tokenId()).isNotNull();
        });
        assertThat(tokens.authenticate("configured-secret")).hasValue(new Principal("bootstrap", Role.ADMIN, null));
        assertThat(tokens.authenticate(secret + "x")).isEmpty();
        assertThat(tokens.authenticate(secret.substring(0, 20))).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(tokens.authenticate("configured-secret ")).isEmpty();
        assertThat(tokens.authenticate("mt_" + "x".repeat(500))).isEmpty();
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceAndFreesItsName() {
        ApiTokens.Created created = tokens.create("ci", Role.ADMIN, "bootstrap");
        assertThatThrownBy(() -> tokens.create("ci", Role.AGENT, "bootstrap")).isInstanceOf(ApiTokens.NameTaken.class);

        clock.advance(Duration.ofHours(1));
        assertThat(tokens.revoke(created.token().id())).isPresent();
        assertThat(tokens.authenticate(created.secret())).isEmpty();
        assertThat(tokens.list().get(0).revokedAt()).isEqualTo(clock.instant());

        clock.advance(Duration.ofHours(1));
        tokens.revoke(created.token().id());
        assertThat(tokens.list().get(0).revokedAt()).as("the first revocation counts")
                .isEqualTo(clock.instant().minus(Duration.ofHours(1)));
        String again = tokens.create("ci", Role.AGENT, "bootstrap").secret();
        assertThat(tokens.authenticate(again)).isPresent();
        assertThat(tokens.revoke(999)).isEmpty();
    }

    @Test
    void lastUseIsWrittenAtMostOnceAMinute() {
        String secret = tokens.create("ci", Role.AGENT, "bootstrap").secret();
        assertThat(tokens.list().get(0).lastUsedAt()).isNull();

        Instant first = clock.instant();
        tokens.authenticate(secret);
        clock.advance(Duration.ofSeconds(59));
        tokens.authenticate(secret);
        assertThat(tokens.list().get(0).lastUsedAt()).isEqualTo(first);

        clock.advance(Duration.ofSeconds(2));
        tokens.authenticate(secret);
        assertThat(tokens.list().get(0).lastUsedAt()).isEqualTo(clock.instant());
    }

    @Test
    void namesAndRolesAreChecked() {
        for (String bad : new String[] {"", "  ", "<b>", "a\nb", "-x", "a".repeat(101), "Bootstrap", null}) {
            assertThatThrownBy(() -> tokens.create(bad, Role.AGENT, "bootstrap")).as(String.valueOf(bad))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> tokens.create("ok", null, "bootstrap")).isInstanceOf(IllegalArgumentException.class);
        assertThat(tokens.create("a".repeat(100), Role.AGENT, "b").token().name()).hasSize(100);
        assertThat(tokens.create("ops@example 2", Role.ADMIN, "b").token().role()).isEqualTo(Role.ADMIN);
        assertThatThrownBy(() -> new ApiTokens(database, clock, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
