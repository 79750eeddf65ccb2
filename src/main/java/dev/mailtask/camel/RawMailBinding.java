package dev.mailtask.camel;

import jakarta.mail.Message;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.mail.MailBinding;

/**
 * The mail consumer's binding for Mailtask's pollers: no header of the mail becomes a Camel header. The
 * mail's own headers are read from its raw bytes by the parser; copying them into the exchange would let a
 * sender inject {@code Camel*} control headers into the routes, and costs extra IMAP round trips
 * (ENVELOPE and HEADER fetches) for every mail.
 */
public final class RawMailBinding extends MailBinding {

    @Override
    protected Map<String, Object> extractHeadersFromMail(Message mailMessage, Exchange exchange) {
        return new java.util.HashMap<>();
    }
}
