package dev.mailtask.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthenticationResultsTest {

    @Test
    void readsAServersResultsWithCommentsVersionsAndQuotes() {
        AuthenticationResults r = AuthenticationResults.parse("mx.example.com 1 (our border);\r\n"
                + "\tspf=pass (sender SPF authorized) smtp.mailfrom=\"bob@Example.org\";\r\n"
                + "\tdkim/1=fail (bad sig; reason \\) here) header.d=other.example;\r\n"
                + "\tdmarc=pass (p=none dis=none) header.from=example.org");
        assertThat(r.authservId()).isEqualTo("mx.example.com");
        assertThat(r.results()).extracting(AuthenticationResults.Result::method).containsExactly("spf", "dkim", "dmarc");
        assertThat(r.passes("example.org")).isTrue();
        assertThat(r.passes("other.example")).as("DKIM failed for it").isFalse();
        assertThat(r.fails("example.org")).isFalse();
    }

    @Test
    void aPassForAnotherDomainProvesNothing() {
        AuthenticationResults r = AuthenticationResults.parse(
                "mx.example.com; dkim=pass header.d=attacker.example; spf=pass smtp.mailfrom=x@attacker.example");
        assertThat(r.passes("staff.example")).isFalse();
        assertThat(AuthenticationResults.parse("mx.example.com; none").results()).isEmpty();
        assertThat(AuthenticationResults.parse("mx.example.com; dmarc=fail header.from=staff.example")
                .fails("staff.example")).isTrue();
    }

    @Test
    void nothingOrTooMuchIsNoHeader() {
        assertThat(AuthenticationResults.parse("")).isNull();
        assertThat(AuthenticationResults.parse(" ; dmarc=pass")).isNull();
        assertThat(AuthenticationResults.parse("mx; " + "dkim=pass header.d=x.example; ".repeat(2000))).isNull();
    }
}
