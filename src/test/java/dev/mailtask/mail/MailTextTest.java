package dev.mailtask.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class MailTextTest {

    @Test
    void messageIdsWithJunkCommentsAndMissingBrackets() {
        assertThat(MailText.messageIds("<a@x> (comment <c@x>) b@y, <a@x>\r\n\t<d@x>")).containsExactly("a@x", "b@y", "d@x");
        assertThat(MailText.messageIds("Your message of Monday <e@x>")).containsExactly("e@x");
        assertThat(MailText.messageIds("<>")).isEmpty();
        assertThat(MailText.messageIds(null)).isEmpty();
    }

    @Test
    void messageIdFallsBackToTheFirstToken() {
        assertThat(MailText.messageId("  <id-1@example.com>  ")).isEqualTo("id-1@example.com");
        assertThat(MailText.messageId("id-2@example.com")).isEqualTo("id-2@example.com");
        assertThat(MailText.messageId("12345.junk")).isEqualTo("12345.junk");
        assertThat(MailText.messageId("   ")).isNull();
    }

    @Test
    void dates() {
        assertThat(MailText.date("Wed, 18 Jun 2003 11:14:38 +0400 (MSD)")).isEqualTo(Instant.parse("2003-06-18T07:14:38Z"));
        assertThat(MailText.date("18 Jun 03 11:14 +0400")).isEqualTo(Instant.parse("2003-06-18T07:14:00Z"));
        assertThat(MailText.date("2024-05-16T14:00:00+02:00")).isEqualTo(Instant.parse("2024-05-16T12:00:00Z"));
        assertThat(MailText.date("not a date")).isNull();
        assertThat(MailText.date(null)).isNull();
    }

    @Test
    void unfoldAndClean() {
        assertThat(MailText.clean(MailText.unfold("a\r\n\tb\r\n c "))).isEqualTo("a b c");
    }
}
