package dev.mailtask.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtask.mail.MailAddress;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyTokensTest {

    /** A "random" source giving bytes 0, 1, 2, ... so the token is known exactly. */
    static final class Counting extends SecureRandom {
        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) i;
            }
        }
    }

    static final String TOKEN = "aaaqeayeaudaocajbifqydiob4"; // base32 of bytes 0..15, lower case, no padding

    @Test
    void tokenIsBase32OfSixteenRandomBytes() {
        assertThat(new ReplyTokens(new Counting()).newToken()).isEqualTo(TOKEN);
    }

    @Test
    void tokensAreUniqueAndWellFormed() {
        ReplyTokens tokens = new ReplyTokens();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String t = tokens.newToken();
            assertThat(t).matches("[a-z2-7]{26}");
            seen.add(t);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void replyAddress() {
        assertThat(ReplyTokens.replyAddress("support@demo.mailtask", TOKEN))
                .isEqualTo("support+raaaqeayeaudaocajbifqydiob4@demo.mailtask");
    }

    @Test
    void aPlusDetailOfTheMailboxIsReplaced() {
        assertThat(ReplyTokens.replyAddress("project+3@demo.mailtask", TOKEN))
                .isEqualTo("project+raaaqeayeaudaocajbifqydiob4@demo.mailtask");
        assertThat(ReplyTokens.replyAddress("task+42+x@demo.mailtask", TOKEN))
                .isEqualTo("task+raaaqeayeaudaocajbifqydiob4@demo.mailtask");
    }

    @Test
    void theReplyAddressIsAValidAddressForOutgoingMail() {
        String reply = ReplyTokens.replyAddress("support@demo.mailtask", TOKEN);
        assertThat(OutgoingMail.builder().from("support@demo.mailtask", "").to("a@x.example", "")
                .replyTo(reply).messageId("a@b").build().replyTo().address()).isEqualTo(reply);
    }

    @Test
    void roundTripIsCaseInsensitive() {
        String reply = ReplyTokens.replyAddress("support@demo.mailtask", TOKEN);

        assertThat(ReplyTokens.tokenOf(new MailAddress(reply, "Support"))).contains(TOKEN);
        assertThat(ReplyTokens.tokenOf(reply.toUpperCase())).contains(TOKEN);
        assertThat(ReplyTokens.tokenOf("project+3+r" + TOKEN + "@demo.mailtask")).contains(TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"support@demo.mailtask", "task+42@demo.mailtask", "project+3@demo.mailtask",
        "support+r@demo.mailtask", "support+raaaqeayeaudaocajbifqydiob@demo.mailtask",
        "support+raaaqeayeaudaocajbifqydiob4a@demo.mailtask", "support+raaaqeayeaudaocajbifqydiob1@demo.mailtask",
        "support+xaaaqeayeaudaocajbifqydiob4@demo.mailtask", "+raaaqeayeaudaocajbifqydiob4@demo.mailtask",
        "support+raaaqeayeaudaocajbifqydiob4", ""})
    void addressesWithoutATokenGiveNone(String address) {
        assertThat(ReplyTokens.tokenOf(address)).isEmpty();
    }

    @Test
    void nullGivesNone() {
        assertThat(ReplyTokens.tokenOf((MailAddress) null)).isEmpty();
        assertThat(ReplyTokens.tokenOf((String) null)).isEmpty();
    }

    @Test
    void badInputIsRefused() {
        assertThatThrownBy(() -> ReplyTokens.replyAddress("support@demo.mailtask", TOKEN + "\r\nBcc: x"))
                .hasMessageStartingWith("token: control character U+000D");
        assertThatThrownBy(() -> ReplyTokens.replyAddress("support@demo.mailtask", "ABC"))
                .hasMessageStartingWith("token: not a reply token");
        assertThatThrownBy(() -> ReplyTokens.replyAddress("support\n@demo.mailtask", TOKEN))
                .hasMessageStartingWith("mailboxAddress: control character U+000A");
        assertThatThrownBy(() -> ReplyTokens.replyAddress("no address", TOKEN))
                .hasMessageStartingWith("mailboxAddress: ");
        assertThatThrownBy(() -> ReplyTokens.replyAddress("+3@demo.mailtask", TOKEN))
                .hasMessageStartingWith("mailboxAddress: no mailbox before the '+'");
        assertThatThrownBy(() -> ReplyTokens.replyAddress("a".repeat(37) + "@demo.mailtask", TOKEN))
                .hasMessageContaining("too long for a reply address");
        assertThat(ReplyTokens.replyAddress("a".repeat(36) + "@demo.mailtask", TOKEN))
                .hasSize(36 + 2 + 26 + "@demo.mailtask".length());
    }
}
