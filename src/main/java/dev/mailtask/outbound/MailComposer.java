package dev.mailtask.outbound;

import dev.mailtask.mail.MailAddress;
import dev.mailtask.store.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Writes an {@link OutgoingMail} as RFC 5322 / MIME bytes (CRLF line ends, 7-bit clean).
 *
 * <p>Header order: Date, From, To, Cc, Reply-To, Subject, Message-ID, In-Reply-To, References,
 * Auto-Submitted and X-Auto-Response-Suppress (automatic mail only), {@value #LOOP_HEADER} (when a loop
 * id is set), MIME-Version, Content-Type, Content-Transfer-Encoding. No Bcc, no Sender.
 *
 * <p>Structure: a lone {@code text/plain} part; {@code multipart/alternative} (text, HTML) when there is
 * HTML; {@code multipart/mixed} (body, attachments...) when there are attachments. Text and HTML are UTF-8
 * quoted-printable, attachments base64 with the file name both as RFC 2231 {@code filename*} in
 * Content-Disposition and as an RFC 2047-encoded {@code name} in Content-Type (older Outlook reads only the
 * latter). Boundaries start with {@code =_} (which neither quoted-printable nor base64 can produce, so they
 * never occur in the content) followed by a hash of the Message-ID, so output is a pure function of the
 * mail and the clock.
 *
 * <p>Thread-safe and stateless apart from the clock.
 */
public final class MailComposer {

    /** Our loop header: mail carrying it with our loop id is our own coming back (see {@link OwnMail}). */
    public static final String LOOP_HEADER = "X-Mailtask-Loop";

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.ENGLISH);

    private final Clock clock;

    public MailComposer(Clock clock) {
        this.clock = clock;
    }

    public MailComposer() {
        this(Clock.systemDefaultZone());
    }

    public byte[] compose(OutgoingMail mail) {
        StringBuilder out = new StringBuilder(1024);
        out.append(HeaderText.field("Date", DATE.format(ZonedDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS))));
        out.append(HeaderText.field("From", HeaderText.mailbox(mail.from().name(), mail.from().address())));
        if (!mail.to().isEmpty()) {
            out.append(HeaderText.field("To", list(mail.to())));
        }
        if (!mail.cc().isEmpty()) {
            out.append(HeaderText.field("Cc", list(mail.cc())));
        }
        if (mail.replyTo() != null) {
            out.append(HeaderText.field("Reply-To",
                    HeaderText.mailbox(mail.replyTo().name(), mail.replyTo().address())));
        }
        out.append(HeaderText.field("Subject", HeaderText.unstructured(mail.subject())));
        out.append(HeaderText.field("Message-ID", "<" + mail.messageId() + ">"));
        if (mail.inReplyTo() != null) {
            out.append(HeaderText.field("In-Reply-To", "<" + mail.inReplyTo() + ">"));
        }
        if (!mail.references().isEmpty()) {
            List<String> ids = new ArrayList<>();
            for (String r : mail.references()) {
                ids.add("<" + r + ">");
            }
            out.append(HeaderText.field("References", String.join(" ", ids)));
        }
        if (mail.automatic()) {
            out.append(HeaderText.field("Auto-Submitted", "auto-generated"));
            out.append(HeaderText.field("X-Auto-Response-Suppress", "All"));
        }
        if (mail.loopId() != null) {
            out.append(HeaderText.field(LOOP_HEADER, mail.loopId()));
        }
        out.append(HeaderText.field("MIME-Version", "1.0"));

        String hash = hash(mail.messageId());
        String text = textPart("text/plain", mail.textBody());
        String body = mail.htmlBody() == null ? text
                : multipart("alternative", "=_mt_a_" + hash, List.of(text, textPart("text/html", mail.htmlBody())));
        if (!mail.attachments().isEmpty()) {
            List<String> parts = new ArrayList<>();
            parts.add(body);
            for (OutgoingMail.Attachment a : mail.attachments()) {
                parts.add(attachmentPart(a));
            }
            body = multipart("mixed", "=_mt_m_" + hash, parts);
        }
        out.append(body);
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String list(List<MailAddress> addresses) {
        List<String> items = new ArrayList<>();
        for (MailAddress a : addresses) {
            items.add(HeaderText.mailbox(a.name(), a.address()));
        }
        return String.join(", ", items);
    }

    /** A text part: its header lines, a blank line, the quoted-printable body. */
    private static String textPart(String type, String text) {
        return HeaderText.field("Content-Type", type + "; charset=UTF-8")
                + HeaderText.field("Content-Transfer-Encoding", "quoted-printable")
                + "\r\n" + QuotedPrintable.encode(QuotedPrintable.normaliseLines(text));
    }

    private static String attachmentPart(OutgoingMail.Attachment a) {
        StringBuilder disposition = new StringBuilder("attachment");
        for (String p : HeaderText.fileNameParams("filename", a.fileName())) {
            disposition.append("; ").append(p);
        }
        return HeaderText.field("Content-Type", a.contentType() + "; " + HeaderText.contentTypeName(a.fileName()))
                + HeaderText.field("Content-Disposition", disposition.toString())
                + HeaderText.field("Content-Transfer-Encoding", "base64")
                + "\r\n" + Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(a.content())
                + (a.content().length == 0 ? "" : "\r\n");
    }

    private static String multipart(String subtype, String boundary, List<String> parts) {
        StringBuilder out = new StringBuilder();
        out.append(HeaderText.field("Content-Type", "multipart/" + subtype + "; boundary=\"" + boundary + "\""));
        out.append("\r\n");
        for (String part : parts) {
            // every part ends in CRLF; the one added here belongs to the delimiter, so the part keeps its own
            out.append("--").append(boundary).append("\r\n").append(part).append("\r\n");
        }
        return out.append("--").append(boundary).append("--\r\n").toString();
    }

    private static String hash(String messageId) {
        return HexFormat.of().formatHex(Sha256.digest(messageId.getBytes(StandardCharsets.US_ASCII)), 0, 12);
    }
}
