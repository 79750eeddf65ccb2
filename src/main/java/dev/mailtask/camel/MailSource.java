package dev.mailtask.camel;

import dev.mailtask.intake.ReceivedMail;
import dev.mailtask.intake.TransientIntakeException;
import dev.mailtask.mail.MailBytesBuffer;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.io.IOException;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailMessage;

/** Reads the raw bytes of the mail a mailbox poller fetched, exactly as the server holds them. */
public final class MailSource {

    /** Exchange property the poller sets to the account id. */
    public static final String ACCOUNT = "mailtaskAccount";

    public ReceivedMail read(Exchange exchange) {
        String account = exchange.getProperty(ACCOUNT, String.class);
        if (!(exchange.getIn() instanceof MailMessage mailMessage)) {
            throw new IllegalStateException("mailtaskMailSource reads mail from a mail consumer, got "
                    + exchange.getIn().getClass().getName());
        }
        Message mail = mailMessage.getOriginalMessage();
        try {
            // No getSize(): over IMAP that is one more round trip per mail.
            MailBytesBuffer raw = new MailBytesBuffer();
            mail.writeTo(raw);
            return new ReceivedMail(account, raw.toByteArray());
        } catch (MessagingException | IOException e) {
            // The server or the connection failed, not the mail: leave it there for the next poll.
            throw new TransientIntakeException("could not fetch the mail from account " + account, e);
        }
    }
}
