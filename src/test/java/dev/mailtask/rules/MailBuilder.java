package dev.mailtask.rules;

import dev.mailtask.mail.InboundMail;
import dev.mailtask.mail.MailAddress;
import dev.mailtask.mail.MailAttachment;
import dev.mailtask.mail.MailHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds an {@link InboundMail} as the parser would, for rule tests. */
final class MailBuilder {

    private MailAddress from = new MailAddress("carol@client.example", "Carol Client");
    private final List<MailAddress> to = new ArrayList<>(List.of(new MailAddress("support@demo.mailtask", "")));
    private final List<MailAddress> cc = new ArrayList<>();
    private final List<MailAddress> deliveredTo = new ArrayList<>();
    private String subject = "Hello";
    private String body = "Hello, something is broken.";
    private final List<MailAttachment> attachments = new ArrayList<>();
    private final List<MailHeader> headers = new ArrayList<>();

    static MailBuilder mail() {
        return new MailBuilder();
    }

    /** "Name <address>" or a bare address; null for a mail without From. */
    MailBuilder from(String mailbox) {
        from = mailbox == null ? null : parse(mailbox);
        return this;
    }

    MailBuilder to(String... mailboxes) {
        to.clear();
        for (String m : mailboxes) {
            to.add(parse(m));
        }
        return this;
    }

    MailBuilder cc(String... mailboxes) {
        for (String m : mailboxes) {
            cc.add(parse(m));
        }
        return this;
    }

    MailBuilder deliveredTo(String address) {
        deliveredTo.add(parse(address));
        return this;
    }

    MailBuilder subject(String value) {
        subject = value;
        return this;
    }

    MailBuilder body(String value) {
        body = value;
        return this;
    }

    MailBuilder header(String name, String value) {
        headers.add(new MailHeader(name, value));
        return this;
    }

    MailBuilder attachment(String fileName) {
        attachments.add(new MailAttachment(fileName, "application/octet-stream", null, false,
                "x".getBytes(StandardCharsets.US_ASCII)));
        return this;
    }

    MailBuilder inlineImage(String fileName) {
        attachments.add(new MailAttachment(fileName, "image/png", "img1@x", true, new byte[] {1}));
        return this;
    }

    InboundMail build() {
        List<MailHeader> all = new ArrayList<>();
        if (from != null) {
            all.add(new MailHeader("From", from.name().isEmpty() ? from.address()
                    : from.name() + " <" + from.address() + ">"));
        }
        all.add(new MailHeader("Subject", subject));
        all.addAll(headers);
        return new InboundMail(from, to, cc, List.of(), deliveredTo, subject, null, "id@client.example", null,
                List.of(), body, null, attachments, all);
    }

    private static MailAddress parse(String mailbox) {
        int lt = mailbox.indexOf('<');
        if (lt < 0) {
            return new MailAddress(mailbox, "");
        }
        return new MailAddress(mailbox.substring(lt + 1, mailbox.indexOf('>')), mailbox.substring(0, lt).strip());
    }
}
