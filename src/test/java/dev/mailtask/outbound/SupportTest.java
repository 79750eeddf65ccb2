package dev.mailtask.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailtask.mail.InboundMail;
import dev.mailtask.mail.MailAddress;
import dev.mailtask.mail.MailParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Senders, Signatures, Threading, OwnMail. */
class SupportTest {

    @Nested
    class SendersTest {

        @Test
        void descriptionWinsOverAuthor() {
            assertThat(Senders.from("support@demo.mailtask", "Acme Support", "Alice Smith"))
                    .isEqualTo(new MailAddress("support@demo.mailtask", "Acme Support"));
        }

        @Test
        void authorWhenNoDescription() {
            assertThat(Senders.from("alice@demo.mailtask", " ", "Alice Smith"))
                    .isEqualTo(new MailAddress("alice@demo.mailtask", "Alice Smith"));
            assertThat(Senders.from("alice@demo.mailtask", null, null))
                    .isEqualTo(new MailAddress("alice@demo.mailtask", ""));
        }

        @Test
        void namesAreCleanedAddressesChecked() {
            assertThat(Senders.from("support@demo.mailtask", "Acme\r\nBcc: x", null).name()).isEqualTo("Acme Bcc: x");
            assertThatThrownBy(() -> Senders.from("support@demo.mailtask\r\nBcc: x", null, null))
                    .hasMessageStartingWith("from: control character");
        }
    }

    @Nested
    class SignaturesTest {

        @Test
        void textSignatureAfterTheDelimiter() {
            assertThat(Signatures.appendText("Hello\n\n", "Acme Support\r\n+1 555 0100"))
                    .isEqualTo("Hello\n\n-- \nAcme Support\n+1 555 0100");
            assertThat(Signatures.appendText("Hello", "-- \nAcme")).isEqualTo("Hello\n\n-- \nAcme");
            assertThat(Signatures.appendText("Hello", "--\nAcme")).isEqualTo("Hello\n\n-- \nAcme");
            assertThat(Signatures.appendText("Hello", " ")).isEqualTo("Hello");
            assertThat(Signatures.appendText("Hello", null)).isEqualTo("Hello");
            assertThat(Signatures.appendText("", "Acme")).isEqualTo("-- \nAcme");
        }

        @Test
        void htmlSignatureIsEscapedAndGoesBeforeBodyEnd() {
            assertThat(Signatures.appendHtml("<html><body><p>Hi</p></BODY></html>", "Acme <Support>\n& Co"))
                    .isEqualTo("<html><body><p>Hi</p><div class=\"mailtask-signature\">-- <br>"
                            + "Acme &lt;Support&gt;<br>&amp; Co</div></BODY></html>");
            assertThat(Signatures.appendHtml("<p>Hi</p>", "-- \nAcme"))
                    .isEqualTo("<p>Hi</p><div class=\"mailtask-signature\">-- <br>Acme</div>");
            assertThat(Signatures.appendHtml("<p>Hi</p>", null)).isEqualTo("<p>Hi</p>");
        }
    }

    @Nested
    class ThreadingTest {

        @Test
        void parentReferencesThenParent() {
            assertThat(Threading.references("c@x", List.of("a@x", "<b@x>"), "b@x"))
                    .containsExactly("a@x", "b@x", "c@x");
        }

        @Test
        void inReplyToWhenTheParentHasNoReferences() {
            assertThat(Threading.references("c@x", List.of(), "b@x")).containsExactly("b@x", "c@x");
            assertThat(Threading.references("c@x", null, null)).containsExactly("c@x");
        }

        @Test
        void junkAndDuplicatesAreDroppedTheParentGoesLast() {
            assertThat(Threading.references("c@x", List.of("a@x", "junk", "c@x", "a@x", "d\r\n@x", "b@x"), null))
                    .containsExactly("a@x", "b@x", "c@x");
        }

        @Test
        void validMessageIds() {
            assertThat(Threading.isValidMessageId("a@b")).isTrue();
            assertThat(Threading.isValidMessageId("<a@b>")).isTrue();
            assertThat(Threading.isValidMessageId("ab")).isFalse();
            assertThat(Threading.isValidMessageId("a\"x\"@b")).isFalse();
            assertThat(Threading.isValidMessageId("a@b\r\n")).isFalse();
            assertThat(Threading.isValidMessageId(null)).isFalse();
        }

        @Test
        void longChainsKeepTheRootAndTheNewest() {
            List<String> refs = new ArrayList<>();
            for (int i = 1; i <= 30; i++) {
                refs.add("m" + i + "@x");
            }
            List<String> out = Threading.references("m31@x", refs, null);

            assertThat(out).hasSize(20).startsWith("m1@x", "m13@x").endsWith("m30@x", "m31@x");
        }
    }

    @Nested
    class OwnMailTest {

        static final MessageIds IDS = new MessageIds("demo.mailtask", new byte[32]);
        static final MailComposer COMPOSER = new MailComposer(MailComposerTest.CLOCK);

        static byte[] ours(String loopId) {
            return COMPOSER.compose(OutgoingMail.builder().from("support@demo.mailtask", "Acme")
                    .to("carol@client.example", "").subject("[#1] x").text("x")
                    .messageId(IDS.forComment(1, 2, 3)).loopId(loopId).build());
        }

        @Test
        void ourMailComingBackIsRecognised() throws Exception {
            OwnMail own = new OwnMail(IDS, "demo.mailtask");

            assertThat(own.isOurs(new MailParser().parse(ours("demo.mailtask")))).isTrue();
            // a redirect that gave it a new Message-ID still carries the loop header
            String redirected = new String(ours("demo.mailtask"), StandardCharsets.US_ASCII)
                    .replace(IDS.forComment(1, 2, 3), "relay-1@mx.client.example");
            assertThat(own.isOurs(new MailParser().parse(redirected.getBytes(StandardCharsets.US_ASCII)))).isTrue();
            // without the loop header, the Message-ID still tells
            assertThat(own.isOurs(new MailParser().parse(ours(null)))).isTrue();
        }

        @Test
        void aReplyToOurMailIsNotOurs() throws Exception {
            String reply = "From: Carol <carol@client.example>\r\nTo: support@demo.mailtask\r\n"
                    + "Subject: Re: [#1] x\r\nMessage-ID: <r1@client.example>\r\n"
                    + "In-Reply-To: <" + IDS.forComment(1, 2, 3) + ">\r\n\r\nThanks\r\n";
            InboundMail m = new MailParser().parse(reply.getBytes(StandardCharsets.US_ASCII));

            assertThat(new OwnMail(IDS, "demo.mailtask").isOurs(m)).isFalse();
            assertThat(IDS.repliedTo(m)).contains(new OurMessageId(OurMessageId.Kind.COMMENT, 1, 2, 3));
        }

        @Test
        void anotherInstallationsLoopIdIsNotOurs() throws Exception {
            String other = new String(ours("other.install"), StandardCharsets.US_ASCII)
                    .replace(IDS.forComment(1, 2, 3), "x@other.example");
            assertThat(new OwnMail(IDS, "demo.mailtask")
                    .isOurs(new MailParser().parse(other.getBytes(StandardCharsets.US_ASCII)))).isFalse();
        }
    }
}
