package dev.mailtask.outbound;

import dev.mailtask.mail.MailAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One outgoing mail, checked and normalised on construction, so an {@code OutgoingMail} that exists can
 * always be written by {@link MailComposer} without any field reaching a header unescaped.
 *
 * <p>Header-bound fields follow two policies (see the package documentation):
 * <ul>
 *   <li>addresses, message ids, the loop id and attachment content types are <b>refused</b> with an
 *       {@link IllegalArgumentException} naming the field ({@code "to[1]: control character U+000D ..."})
 *       when they hold CR, LF, NUL, any other control character, or are not syntactically valid;</li>
 *   <li>the subject, display names and attachment file names are <b>cleaned</b>: control characters
 *       become spaces, white space runs collapse, ends are trimmed (they are then written as words or
 *       RFC 2047 / RFC 2231 encoded, so they cannot break out of their header).</li>
 * </ul>
 *
 * <p>Note that {@link MailAddress} itself trims surrounding white space and control characters from the
 * address; the {@link Builder}'s string methods refuse such addresses before that happens.
 *
 * @param from        our account's address; the display name is the virtual address's description or the
 *                    author's name (see {@link Senders#from})
 * @param to          To mailboxes (To and Cc together must not be empty)
 * @param cc          Cc mailboxes
 * @param replyTo     the Reply-To mailbox ({@link ReplyTokens#replyAddress}), or null for none
 * @param subject     the subject ({@link SubjectTags#tagged}); "" allowed
 * @param textBody    the text body; line breaks are normalised and a final line break added
 * @param htmlBody    an HTML alternative, or null
 * @param attachments files attached, in order
 * @param messageId   our Message-ID ({@link MessageIds}), without angle brackets (a pair given is removed)
 * @param inReplyTo   the id of the mail this continues, or null
 * @param references  the thread's ids, oldest first ({@link Threading#references})
 * @param automatic   true for mail no person wrote (notifications, acknowledgements): adds
 *                    {@code Auto-Submitted: auto-generated} and {@code X-Auto-Response-Suppress: All};
 *                    false for a person's comment
 * @param loopId      the value of our loop header {@value MailComposer#LOOP_HEADER} (this installation's
 *                    name, letters, digits and {@code . _ - + @}), or null for no loop header
 */
public record OutgoingMail(
        MailAddress from,
        List<MailAddress> to,
        List<MailAddress> cc,
        MailAddress replyTo,
        String subject,
        String textBody,
        String htmlBody,
        List<Attachment> attachments,
        String messageId,
        String inReplyTo,
        List<String> references,
        boolean automatic,
        String loopId) {

    private static final Pattern LOOP_ID = Pattern.compile("[A-Za-z0-9._@+-]{1,100}");

    public OutgoingMail {
        if (from == null) {
            throw new IllegalArgumentException("from: missing");
        }
        from = checked("from", from);
        to = checked("to", to);
        cc = checked("cc", cc);
        if (to.isEmpty() && cc.isEmpty()) {
            throw new IllegalArgumentException("to: no recipient (To and Cc are both empty)");
        }
        replyTo = replyTo == null ? null : checked("replyTo", replyTo);
        subject = HeaderText.freeText(subject);
        textBody = textBody == null ? "" : textBody;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        messageId = HeaderText.messageId("messageId", messageId);
        inReplyTo = inReplyTo == null ? null : HeaderText.messageId("inReplyTo", inReplyTo);
        List<String> refs = new ArrayList<>();
        if (references != null) {
            for (int i = 0; i < references.size(); i++) {
                refs.add(HeaderText.messageId("references[" + i + "]", references.get(i)));
            }
        }
        references = List.copyOf(refs);
        if (loopId != null) {
            HeaderText.requireVisibleAscii("loopId", loopId);
            if (!LOOP_ID.matcher(loopId).matches()) {
                throw new IllegalArgumentException("loopId: only letters, digits and . _ - + @ allowed: \""
                        + HeaderText.shown(loopId) + "\"");
            }
        }
    }

    private static MailAddress checked(String field, MailAddress a) {
        if (a == null) {
            throw new IllegalArgumentException(field + ": missing");
        }
        return new MailAddress(HeaderText.address(field, a.address()), HeaderText.freeText(a.name()));
    }

    private static List<MailAddress> checked(String field, List<MailAddress> list) {
        if (list == null) {
            return List.of();
        }
        List<MailAddress> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(checked(field + "[" + i + "]", list.get(i)));
        }
        return List.copyOf(out);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * An attached file.
     *
     * @param fileName    the name shown to the recipient; cleaned (controls to spaces, anything up to the last
     *                    '/' or '\' dropped; "attachment" when nothing is left)
     * @param contentType {@code type/subtype}, no parameters; lower-cased; {@code multipart/*} and
     *                    {@code message/*} are refused (they cannot be sent base64-encoded)
     * @param content     the bytes (not copied: do not change them afterwards)
     */
    public record Attachment(String fileName, String contentType, byte[] content) {

        private static final Pattern TYPE = Pattern.compile(
                "[a-z0-9!#$&^_.+-]{1,64}/[a-z0-9!#$&^_.+-]{1,64}");

        public Attachment {
            String name = HeaderText.freeText(fileName);
            int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
            name = name.substring(slash + 1).strip();
            fileName = name.isEmpty() ? "attachment" : name;
            HeaderText.requireVisibleAscii("attachment contentType", contentType);
            contentType = contentType.toLowerCase(Locale.ROOT);
            if (!TYPE.matcher(contentType).matches()) {
                throw new IllegalArgumentException("attachment contentType: not type/subtype: \""
                        + HeaderText.shown(contentType) + "\"");
            }
            if (contentType.startsWith("multipart/") || contentType.startsWith("message/")) {
                throw new IllegalArgumentException("attachment contentType: " + contentType
                        + " cannot be attached base64-encoded; send it as application/octet-stream");
            }
            if (content == null) {
                throw new IllegalArgumentException("attachment content: missing");
            }
        }
    }

    /** Convenience builder; {@link #build} runs the record's checks. */
    public static final class Builder {
        private MailAddress from;
        private final List<MailAddress> to = new ArrayList<>();
        private final List<MailAddress> cc = new ArrayList<>();
        private MailAddress replyTo;
        private String subject = "";
        private String textBody = "";
        private String htmlBody;
        private final List<Attachment> attachments = new ArrayList<>();
        private String messageId;
        private String inReplyTo;
        private final List<String> references = new ArrayList<>();
        private boolean automatic;
        private String loopId;

        private Builder() {
        }

        /**
         * {@link MailAddress} trims its address, which would silently drop a trailing CR/LF/NUL; the string
         * is checked here first so such an address is refused like any other.
         */
        private static String raw(String field, String address) {
            if (address != null) {
                for (int i = 0; i < address.length(); i++) {
                    if (HeaderText.isControl(address.charAt(i))) {
                        HeaderText.address(field, address);
                    }
                }
            }
            return address;
        }

        public Builder from(String address, String name) {
            this.from = new MailAddress(raw("from", address), name);
            return this;
        }

        public Builder from(MailAddress from) {
            this.from = from;
            return this;
        }

        public Builder to(String address, String name) {
            return to(new MailAddress(raw("to[" + to.size() + "]", address), name));
        }

        public Builder to(MailAddress a) {
            to.add(a);
            return this;
        }

        public Builder cc(String address, String name) {
            return cc(new MailAddress(raw("cc[" + cc.size() + "]", address), name));
        }

        public Builder cc(MailAddress a) {
            cc.add(a);
            return this;
        }

        public Builder replyTo(String address) {
            this.replyTo = address == null ? null : new MailAddress(raw("replyTo", address), "");
            return this;
        }

        public Builder replyTo(MailAddress a) {
            this.replyTo = a;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder text(String text) {
            this.textBody = text;
            return this;
        }

        public Builder html(String html) {
            this.htmlBody = html;
            return this;
        }

        public Builder attach(String fileName, String contentType, byte[] content) {
            attachments.add(new Attachment(fileName, contentType, content));
            return this;
        }

        public Builder messageId(String id) {
            this.messageId = id;
            return this;
        }

        public Builder inReplyTo(String id) {
            this.inReplyTo = id;
            return this;
        }

        public Builder references(List<String> ids) {
            references.addAll(ids);
            return this;
        }

        public Builder automatic(boolean automatic) {
            this.automatic = automatic;
            return this;
        }

        public Builder loopId(String loopId) {
            this.loopId = loopId;
            return this;
        }

        public OutgoingMail build() {
            return new OutgoingMail(from, to, cc, replyTo, subject, textBody, htmlBody, attachments, messageId,
                    inReplyTo, references, automatic, loopId);
        }
    }
}
