package dev.mailtask.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import java.net.ConnectException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** Which SMTP failures are worth another try, and what is kept of the server's answer. */
class OutboxFailuresTest {

    @Test
    void fiveHundredRepliesArePermanentFourHundredsAndConnectionErrorsAreNot() throws Exception {
        var unknown = new SMTPAddressFailedException(new InternetAddress("gone@client.example"), "RCPT TO", 550,
                "550 5.1.1 <gone@client.example>: Recipient address rejected: User unknown");
        var greylisted = new SMTPAddressFailedException(new InternetAddress("slow@client.example"), "RCPT TO", 451,
                "451 4.7.1 Greylisted, try again later");
        var refused = new MessagingException("could not connect", new ConnectException("Connection refused"));

        assertThat(Outbox.isPermanent(new SendFailedException("invalid", unknown))).isTrue();
        assertThat(Outbox.isPermanent(new SendFailedException("later", greylisted))).isFalse();
        assertThat(Outbox.isPermanent(new SMTPSendFailedException("DATA", 554, "554 5.7.1 spam", null, null, null,
                null))).isTrue();
        assertThat(Outbox.isPermanent(refused)).isFalse();

        assertThat(Outbox.serverReply(new SendFailedException("invalid", unknown)))
                .isEqualTo("550 5.1.1 <gone@client.example>: Recipient address rejected: User unknown");
        assertThat(Outbox.serverReply(refused)).isEqualTo("ConnectException: Connection refused");
    }
}
