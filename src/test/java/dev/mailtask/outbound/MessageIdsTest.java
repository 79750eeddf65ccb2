package dev.mailtask.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtask.mail.InboundMail;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageIdsTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final MessageIds IDS = new MessageIds("Demo.Mailtask", KEY);
    /** HMAC-SHA256(KEY, "mt.42.1007.5@demo.mailtask"), first 10 bytes, base32 — computed independently. */
    static final String COMMENT_ID = "mt.42.1007.5.l6m7z5mu7zt3fglw@demo.mailtask";

    @Test
    void commentIdHasTheDocumentedFormat() {
        assertThat(IDS.forComment(42, 1007, 5)).isEqualTo(COMMENT_ID);
        assertThat(IDS.domain()).isEqualTo("demo.mailtask");
    }

    @Test
    void noticeIdHasTheDocumentedFormat() {
        // HMAC-SHA256(KEY, "mt.42.n31.0@demo.mailtask")
        assertThat(IDS.forNotice(42, 31, 0)).isEqualTo("mt.42.n31.0.73wmpytomzqgbj4q@demo.mailtask");
    }

    @Test
    void verifiesItsOwnIds() {
        assertThat(IDS.verify(COMMENT_ID)).contains(new OurMessageId(OurMessageId.Kind.COMMENT, 42, 1007, 5));
        assertThat(IDS.verify(COMMENT_ID).orElseThrow().commentId()).isEqualTo(OptionalLong.of(1007));
        OurMessageId notice = IDS.verify(IDS.forNotice(42, 31, 0)).orElseThrow();
        assertThat(notice).isEqualTo(new OurMessageId(OurMessageId.Kind.NOTICE, 42, 31, 0));
        assertThat(notice.commentId()).isEmpty();
        long max = Long.MAX_VALUE;
        assertThat(IDS.verify(IDS.forComment(max, max, max)))
                .contains(new OurMessageId(OurMessageId.Kind.COMMENT, max, max, max));
    }

    @Test
    void bracketsWhitespaceAndCaseDoNotMatter() {
        assertThat(IDS.verify(" <" + COMMENT_ID + "> ")).isPresent();
        assertThat(IDS.verify(COMMENT_ID.toUpperCase())).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "mt.42.1007.5.l6m7z5mu7zt3fglx@demo.mailtask",    // one MAC character changed
        "mt.43.1007.5.l6m7z5mu7zt3fglw@demo.mailtask",    // another task, same MAC
        "mt.42.1008.5.l6m7z5mu7zt3fglw@demo.mailtask",    // another comment
        "mt.42.1007.6.l6m7z5mu7zt3fglw@demo.mailtask",    // another recipient
        "mt.42.n1007.5.l6m7z5mu7zt3fglw@demo.mailtask",   // a notice with a comment's MAC
        "mt.042.1007.5.l6m7z5mu7zt3fglw@demo.mailtask",   // leading zero
        "mt.42.1007.5.l6m7z5mu7zt3fgl@demo.mailtask",     // MAC truncated
        "mt.42.1007.5.l6m7z5mu@demo.mailtask",
        "mt.42.1007.5@demo.mailtask",                     // no MAC
        "mt.42.1007.5.l6m7z5mu7zt3fglw@other.example",    // another domain
        "mt.42.1007.5.l6m7z5mu7zt3fglw@demo.mailtask.evil.example",
        "mt.42.1007.5.l6m7z5mu7zt3fglw",
        "mt.99999999999999999999.1007.5.l6m7z5mu7zt3fglw@demo.mailtask", // overflow
        "try-1@client.example",
        "",
        "mt.42.1007.5.l6m7z5mu7zt3fglw@demo.mailtask\r\nBcc: x"})
    void foreignForgedAndTruncatedIdsAreRejected(String id) {
        assertThat(IDS.verify(id)).isEmpty();
    }

    @Test
    void nullIsNotOurs() {
        assertThat(IDS.verify(null)).isEmpty();
    }

    @Test
    void anotherKeyOrDomainDoesNotVerify() {
        byte[] other = KEY.clone();
        other[0] ^= 1;
        assertThat(new MessageIds("demo.mailtask", other).verify(COMMENT_ID)).isEmpty();
        assertThat(new MessageIds("other.example", KEY).verify(COMMENT_ID)).isEmpty();
        // same key, other domain: the id is different, not just the suffix
        assertThat(new MessageIds("other.example", KEY).forComment(42, 1007, 5))
                .isNotEqualTo(COMMENT_ID.replace("demo.mailtask", "other.example"));
    }

    @Test
    void previousKeysStillVerifyButAreNotUsedForNewIds() {
        byte[] next = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);
        MessageIds rotated = new MessageIds("demo.mailtask", next, List.of(KEY));

        assertThat(rotated.verify(COMMENT_ID)).isPresent();
        assertThat(rotated.forComment(42, 1007, 5)).isNotEqualTo(COMMENT_ID);
        assertThat(IDS.verify(rotated.forComment(42, 1007, 5))).isEmpty();
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new MessageIds("demo.mailtask", new byte[15]))
                .hasMessage("key: at least 16 bytes needed");
        assertThatThrownBy(() -> new MessageIds("demo.mailtask\r\nX: y", KEY)).hasMessageStartingWith("domain: ");
        assertThatThrownBy(() -> IDS.forComment(-1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachRecipientGetsItsOwnId() {
        assertThat(IDS.forComment(42, 1007, 5)).isNotEqualTo(IDS.forComment(42, 1007, 6));
    }

    @Test
    void ourIdsAreValidForOutgoingMail() {
        assertThat(OutgoingMail.builder().from("a@demo.mailtask", "").to("b@x.example", "")
                .messageId(IDS.forComment(1, 2, 3)).build().messageId()).isEqualTo(IDS.forComment(1, 2, 3));
    }

    @Test
    void repliedToPrefersInReplyToThenTheNewestReference() {
        String older = IDS.forComment(42, 1, 5);
        String newer = IDS.forComment(42, 2, 5);
        String other = IDS.forComment(7, 3, 5);

        assertThat(IDS.repliedTo(mail(other, List.of(older, newer)))).map(OurMessageId::itemId).contains(3L);
        assertThat(IDS.repliedTo(mail("x@client.example", List.of(older, newer, "y@client.example"))))
                .map(OurMessageId::itemId).contains(2L);
        assertThat(IDS.repliedTo(mail(null, List.of("y@client.example")))).isEmpty();
        assertThat(IDS.repliedTo(mail(null, List.of()))).isEqualTo(Optional.empty());
    }

    static InboundMail mail(String inReplyTo, List<String> references) {
        return new InboundMail(null, List.of(), List.of(), List.of(), List.of(), "", null, "m@client.example",
                inReplyTo, references, "", null, List.of(), List.of());
    }
}
