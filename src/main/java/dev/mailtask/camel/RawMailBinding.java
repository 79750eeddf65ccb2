package dev.mailtask.camel;

import jakarta.mail.Message;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailBinding;
import org.apache.camel.component.mail.MailMessage;

/**
 * The mail consumer's binding for Mailtask's pollers: no header of the mail becomes a Camel header. The
 * parser reads the mail's headers from its raw bytes; copying them into the exchange as well costs two IMAP
 * round trips per mail (ENVELOPE and HEADER fetches) and would put sender-controlled values where routes
 * look for their own (camel-mail already drops {@code Camel*} names; this drops the rest).
 */
public final class RawMailBinding extends MailBinding {

    @Override
    protected Map<String, Object> extractHeadersFromMail(Message mailMessage, Exchange exchange) {
        return new HashMap<>();
    }

    /** The body is the mail itself, unparsed: a custom binding does not inherit {@code mapMailMessage=false}. */
    @Override
    public Object extractBodyFromMail(Exchange exchange, MailMessage mailMessage) {
        return mailMessage.getMessage();
    }
}
