package dev.mailtask.mail.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A short sign-off sharing the quote's block goes with the quote; one outside the quote's wrapper stays. */
class SignOffTest {

    @Test
    void signOffInTheBlockOfTheSeparatorGoesWithTheQuote() {
        Reply reply = ReplyText.fromHtml("<div>Hi<div>there</div><div>Bob<hr><b>From: </b>bob@example.com<br>"
                + "<b>Sent: </b>Friday<br><b>Subject: </b>Hello<br><p>Hello</p></div></div>");
        assertThat(reply.textWithSignature()).isEqualTo("Hi\nthere");
    }

    @Test
    void signOffOutsideTheQuotesOwnWrapperStays() {
        Reply reply = ReplyText.fromHtml("<div>Hi. I am fine.<div><br></div><div>Thanks,</div><div>Alex<br><br>"
                + "<div><hr id=\"stopSpelling\">Date: Thu, 26 Jun 2014<br>Subject: Test<br>From: abc@example.com<br>"
                + "To: alex@example.com<br><br><div>Hello! How are you?</div></div></div></div>");
        assertThat(reply.textWithSignature()).isEqualTo("Hi. I am fine.\n\nThanks,\nAlex");
    }

    @Test
    void aRealSentenceBeforeTheSeparatorIsNeverTakenForASignOff() {
        Reply reply = ReplyText.fromHtml("<div>Hi<div>The part arrives on Monday, please confirm.<hr>"
                + "<b>From: </b>bob@example.com<br><b>Sent: </b>Friday<br><b>Subject: </b>Hello<br><p>Hello</p>"
                + "</div></div>");
        assertThat(reply.textWithSignature()).isEqualTo("Hi\nThe part arrives on Monday, please confirm.");
    }
}
