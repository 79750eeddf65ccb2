package dev.mailtask.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.util.StreamProvider;

/**
 * Turns the raw RFC 822 bytes of one mail into an {@link InboundMail}. Thread-safe (no mutable state; one
 * instance serves all threads); no Camel.
 *
 * <p>Jakarta Mail does the structural work: one {@link MimeMessage} over a
 * {@link SharedByteArrayInputStream} reads the header section, and {@link MimeMultipart} splits bodies at
 * their boundaries (lazily, sharing the byte array). Everything that decides what the text <em>says</em>
 * is done here and in the package's helpers, leniently: header parameters and RFC 2231
 * ({@link HeaderParams}), encoded words ({@link EncodedWords}), raw 8-bit header bytes and charsets
 * ({@link CharsetDetection}), transfer encodings ({@link TransferDecoding}), addresses ({@link Addresses}),
 * HTML rendering ({@link HtmlToText}).
 *
 * <p>What is body and what is attachment follows JMAP (RFC 8621, section 4.1.4): inline text parts of a
 * multipart/mixed are joined into the body (also several), in a multipart/alternative the text/plain side
 * is the text body and the text/html side the HTML body; a text part with a file name that is not the first
 * of its multipart, or with an attachment disposition, is an attachment. When the text body is missing or
 * blank, it is the HTML rendered by {@link HtmlToText}. Every other leaf part is an attachment, in MIME
 * order (files, inline images, attached mails, text/calendar, zero-length parts), except unnamed extra text
 * renderings inside a multipart/alternative (text/enriched, text/watch-html, text/x-amp-html), which repeat
 * the body. A winmail.dat (TNEF, {@link Tnef}) is replaced by the files it holds, and its body is the mail's
 * when the mail has none; files uuencoded into a text body are taken out of it as attachments.
 * Attachment names: Content-Disposition
 * filename, then Content-Type name (RFC 2231, RFC 2047 or raw 8-bit; directory part dropped); an attached
 * mail without a name is called after its subject ("Subject.eml", or "message.eml"); anything else
 * without a name gets {@code attachment-N.ext}, N its position in the attachment list.
 *
 * <p>The only failures ({@link MailParseException}) are input that cannot be a mail (empty, no header
 * field, mostly garbage where the header section should be), MIME nesting deeper than {@value #MAX_DEPTH}
 * levels, and unexpected errors from Jakarta Mail, which are wrapped with what was being done.
 */
public final class MailParser {

    /** Maximum multipart nesting (a multipart directly in the message is level 1). */
    public static final int MAX_DEPTH = 50;

    private static final Session SESSION;

    static {
        Properties p = new Properties();
        // header bytes reach us one char per byte (ISO-8859-1) so raw 8-bit can be recovered and detected
        p.setProperty("mail.mime.allowutf8", "false");
        p.setProperty("mail.mime.address.strict", "false");
        // the settings below are read by Jakarta Mail from System properties, not from the Session; they are
        // listed for the record. Our own code does the lenient equivalent (LenientMultipart, TransferDecoding,
        // HeaderParams, EncodedWords), so parsing does not depend on JVM-wide System properties.
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.multipart.ignoremissingboundaryparameter", "true");
        p.setProperty("mail.mime.multipart.allowempty", "true");
        p.setProperty("mail.mime.base64.ignoreerrors", "true");
        p.setProperty("mail.mime.ignoreunknownencoding", "true");
        p.setProperty("mail.mime.decodetext.strict", "false");
        p.setProperty("mail.mime.parameters.strict", "false");
        SESSION = Session.getInstance(p);
        nameStreamProvider();
    }

    /**
     * Jakarta Mail finds its {@link StreamProvider} anew for every body part it makes, by a ServiceLoader scan
     * of the class path (about a millisecond: a mail of 10,000 tiny parts took 10 s to split). Its finder
     * reads a system property first; naming the provider there makes the look-up a constructor call. Done only
     * when nobody set it, and undone unless the provider then resolves; which provider it is does not change.
     */
    private static void nameStreamProvider() {
        String key = StreamProvider.class.getName();
        if (System.getProperty(key) != null) {
            return;
        }
        try {
            System.setProperty(key, StreamProvider.provider().getClass().getName());
            StreamProvider.provider();
        } catch (RuntimeException | java.util.ServiceConfigurationError e) {
            System.clearProperty(key);
        }
    }

    public InboundMail parse(byte[] raw) throws MailParseException {
        if (raw == null) {
            throw new MailParseException("No input: null instead of the bytes of a mail");
        }
        if (raw.length == 0) {
            throw new MailParseException("Empty input: 0 bytes cannot be a mail");
        }
        int start = 0;
        while (start < raw.length && (raw[start] == '\r' || raw[start] == '\n')) {
            start++;
        }
        if (start == raw.length) {
            throw new MailParseException("Input of " + raw.length + " bytes holds only line breaks, not a mail");
        }
        Parse p = new Parse(raw, start);
        try {
            return p.run();
        } catch (MailParseException | ContentBudget.Exceeded e) {
            throw e;
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new MailParseException("Could not parse the mail (" + raw.length + " bytes) while " + p.stage
                    + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    // =====================================================================================================

    /** One header field of the top-level header section, value as read (one char per byte, folded). */
    private record RawHeader(String name, String value) {
    }

    /** The MIME tree: a leaf, or a multipart with its subtype and children. */
    private record Node(Leaf leaf, String subtype, List<Node> children) {
    }

    /** A leaf (non-multipart) MIME part, before decoding. */
    private static final class Leaf {
        final Part part;
        final String path;
        final String type;
        final String charset;
        final HeaderParams contentType;
        final HeaderParams disposition;
        final String cte;
        final boolean root;
        final String parentSubtype;
        final String contentId;
        /** Content to use instead of the part's body (a multipart without parts: its text). */
        byte[] override;

        Leaf(Part part, String path, String type, String charset, HeaderParams contentType,
                HeaderParams disposition, String cte, boolean root, String parentSubtype, String contentId) {
            this.part = part;
            this.path = path;
            this.type = type;
            this.charset = charset;
            this.contentType = contentType;
            this.disposition = disposition;
            this.cte = cte;
            this.root = root;
            this.parentSubtype = parentSubtype;
            this.contentId = contentId;
        }

        String dispositionType() {
            return disposition.value.isEmpty() ? null : disposition.value;
        }

        boolean isAttachmentDisposition() {
            String d = dispositionType();
            return d != null && !d.equals("inline");
        }

        boolean hasFileName() {
            return disposition.has("filename") || contentType.has("name");
        }
    }

    /** All the state of parsing one mail; confined to the calling thread. */
    private static final class Parse {
        private final byte[] raw;
        private final int start;
        String stage = "reading the header section";
        private final List<Leaf> leaves = new ArrayList<>();
        private Node rootNode;

        /** Charset the mail declares for its text, for detection of undeclared 8-bit text elsewhere. */
        private Charset bodyHint;
        /** Charset of the raw 8-bit bytes in the top-level header section (not valid UTF-8), or null. */
        private Charset headerCharset;

        Parse(byte[] raw, int start) {
            this.raw = raw;
            this.start = start;
        }

        InboundMail run() throws MessagingException, IOException, MailParseException {
            MimeMessage msg = new MimeMessage(SESSION, new RawBytesStream(raw, start, raw.length - start));
            List<RawHeader> headers = readHeaders(msg);

            stage = "reading the MIME structure";
            rootNode = walk(msg, "1", 0, null, true);

            bodyHint = firstDeclaredTextCharset();
            headerCharset = detectHeaderCharset(headers);

            stage = "choosing the text and HTML bodies";
            Bodies bodies = new Bodies();
            bodies.text = new ArrayList<>();
            bodies.html = new ArrayList<>();
            structure(List.of(rootNode), "mixed", false, bodies.text, bodies.html, bodies);

            List<String> textParts = new ArrayList<>();
            for (Leaf l : bodies.text) {
                if (l.type.equals("text/plain")) {
                    stage = "decoding the text body (part " + l.path + ")";
                    textParts.add(extractUuencoded(decodeText(l, false)));
                }
            }
            String text = textParts.isEmpty() ? null : joined(textParts);
            String html = null;
            if (bodies.html.stream().anyMatch(l -> l.type.equals("text/html"))) {
                StringBuilder htmlOut = new StringBuilder();
                for (Leaf l : bodies.html) {
                    if (l.type.equals("text/html")) {
                        stage = "decoding the HTML body (part " + l.path + ")";
                        htmlOut.append(decodeText(l, true));
                    } else if (l.type.equals("text/plain")) {
                        stage = "decoding text part " + l.path + " of the HTML body";
                        htmlOut.append("<pre>").append(escapeHtml(decodeText(l, false))).append("</pre>");
                    }
                }
                html = htmlOut.toString();
            }
            if ((text == null || text.isBlank()) && html != null) {
                stage = "rendering the HTML body as text";
                text = HtmlToText.render(html);
            }

            List<MailAttachment> attachments = new ArrayList<>(uuencoded);
            for (Leaf l : leaves) {
                boolean textual = l.type.equals("text/plain") || l.type.equals("text/html");
                if (textual && (bodies.text.contains(l) || bodies.html.contains(l)) || bodies.dropped.contains(l)) {
                    continue;
                }
                stage = "decoding attachment part " + l.path + " (" + l.type + ")";
                ContentBudget.check("mime parsing");
                MailAttachment a = attachment(l, attachments.size() + 1);
                Tnef.Content tnef = Tnef.isTnef(a.contentType(), a.fileName()) ? Tnef.read(a.content()) : null;
                if (tnef == null) {
                    attachments.add(a);
                    continue;
                }
                // winmail.dat: its files instead of it, its body when the mail has none
                attachments.addAll(tnef.attachments());
                if (html == null && tnef.html() != null) {
                    html = tnef.html();
                }
                if ((text == null || text.isBlank()) && tnef.text() != null && !tnef.text().isBlank()) {
                    text = MailText.normalizeLineEnds(tnef.text());
                } else if ((text == null || text.isBlank()) && html != null) {
                    text = HtmlToText.render(html);
                }
            }

            stage = "decoding the header fields";
            return fields(headers, text, html, attachments);
        }

        private static final Set<String> TEXT_RENDERINGS = Set.of("text/plain", "text/html", "text/enriched",
                "text/richtext", "text/watch-html", "text/x-amp-html");

        /** The parts chosen as body; null list = that body is closed for the current branch. */
        private static final class Bodies {
            List<Leaf> text;
            List<Leaf> html;
            /** Extra renderings of the body in an alternative: neither body nor attachment. */
            final Set<Leaf> dropped = new HashSet<>();
        }

        private static boolean isInlineMedia(String type) {
            return type.startsWith("image/") || type.startsWith("audio/") || type.startsWith("video/");
        }

        /**
         * JMAP's body structure algorithm (RFC 8621, section 4.1.4): which leaves make the text body and
         * the HTML body. Inline text parts of a multipart/mixed are joined; in a multipart/alternative the
         * text/plain side feeds the text body and the text/html side the HTML body, and a side that is
         * missing is filled from the other. Unnamed extra renderings in an alternative (text/enriched,
         * Apple's text/watch-html, AMP) repeat the body and are dropped.
         */
        private void structure(List<Node> parts, String multipartType, boolean inAlternative,
                List<Leaf> textBody, List<Leaf> htmlBody, Bodies all) {
            int textLength = textBody == null ? -1 : textBody.size();
            int htmlLength = htmlBody == null ? -1 : htmlBody.size();
            for (int i = 0; i < parts.size(); i++) {
                Node node = parts.get(i);
                if (node.children != null) {
                    structure(node.children, node.subtype, inAlternative || node.subtype.equals("alternative"),
                            textBody, htmlBody, all);
                    continue;
                }
                Leaf part = node.leaf;
                boolean bodyType = part.type.equals("text/plain") || part.type.equals("text/html");
                boolean inline = !part.isAttachmentDisposition()
                        && (bodyType || isInlineMedia(part.type))
                        && (i == 0 || !multipartType.equals("related")
                                && (isInlineMedia(part.type) || !part.hasFileName()));
                if (!inline) {
                    if ((multipartType.equals("alternative") || inAlternative)
                            && TEXT_RENDERINGS.contains(part.type) && !part.hasFileName()
                            && !part.isAttachmentDisposition()) {
                        all.dropped.add(part);
                    }
                    continue;
                }
                if (multipartType.equals("alternative")) {
                    if (part.type.equals("text/plain") && textBody != null) {
                        textBody.add(part);
                    } else if (part.type.equals("text/html") && htmlBody != null) {
                        htmlBody.add(part);
                    }
                    continue;
                } else if (inAlternative) {
                    if (part.type.equals("text/plain")) {
                        htmlBody = null;
                    }
                    if (part.type.equals("text/html")) {
                        textBody = null;
                    }
                }
                if (textBody != null) {
                    textBody.add(part);
                }
                if (htmlBody != null) {
                    htmlBody.add(part);
                }
            }
            if (multipartType.equals("alternative") && textBody != null && htmlBody != null) {
                if (textLength == textBody.size() && htmlLength != htmlBody.size()) {
                    textBody.addAll(htmlBody.subList(htmlLength, htmlBody.size()));
                }
                if (htmlLength == htmlBody.size() && textLength != textBody.size()) {
                    htmlBody.addAll(textBody.subList(textLength, textBody.size()));
                }
            }
        }

        /** Files uuencoded into a text body (Lotus Notes, old Outlook Express), in text order. */
        private final List<MailAttachment> uuencoded = new ArrayList<>();

        private static final Pattern UU_BEGIN = Pattern.compile("(?m)^begin [0-7]{3,4} ([^\\r\\n]+)\\n");
        private static final Pattern UU_END = Pattern.compile("(?m)^end[ \\t]*$");

        /** Takes "begin 644 name ... end" blocks out of a text body and keeps them as attachments. */
        private String extractUuencoded(String text) {
            if (!text.contains("begin ")) {
                return text;
            }
            StringBuilder out = new StringBuilder(text.length());
            int pos = 0;
            Matcher b = UU_BEGIN.matcher(text);
            while (b.find(pos)) {
                Matcher e = UU_END.matcher(text);
                if (!e.find(b.end())) {
                    break;
                }
                byte[] block = text.substring(b.start(), e.end()).getBytes(StandardCharsets.ISO_8859_1);
                byte[] data = TransferDecoding.uudecode(block);
                if (data.length == 0) {
                    break;
                }
                String name = b.group(1).trim();
                int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
                name = name.substring(slash + 1);
                uuencoded.add(new MailAttachment(name, Tnef.typeOf(name), null, false, data, null, false));
                out.append(text, pos, b.start());
                pos = e.end();
            }
            out.append(text, pos, text.length());
            return out.toString();
        }

        /** Joins body parts with a line break between them. */
        /** The text parts as one text; a lone part as it is (a body of many megabytes is not copied twice). */
        private static String joined(List<String> parts) {
            if (parts.size() == 1) {
                return parts.get(0);
            }
            StringBuilder out = new StringBuilder();
            parts.forEach(part -> appendPart(out, part));
            return out.toString();
        }

        private static void appendPart(StringBuilder out, String part) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n' && !part.isEmpty()) {
                out.append('\n');
            }
            out.append(part);
        }

        private static String escapeHtml(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }

        // ------------------------------------------------------------------ header section

        private List<RawHeader> readHeaders(MimeMessage msg) throws MessagingException, MailParseException {
            List<RawHeader> out = new ArrayList<>();
            int bad = 0;
            boolean firstLine = true;
            boolean firstWellFormed = false;
            String firstBadLine = null;
            for (Enumeration<String> e = msg.getAllHeaderLines(); e.hasMoreElements();) {
                String line = e.nextElement();
                int colon = line.indexOf(':');
                String name = colon > 0 ? line.substring(0, colon).stripTrailing() : "";
                if (isFieldName(name)) {
                    int v = colon + 1;
                    while (v < line.length() && (line.charAt(v) == ' ' || line.charAt(v) == '\t')) {
                        v++;
                    }
                    out.add(new RawHeader(name, line.substring(v)));
                    if (firstLine) {
                        firstWellFormed = true;
                    }
                } else if (firstLine && line.startsWith("From ")) {
                    // mbox separator line: not a header, not garbage either
                    firstLine = false;
                    continue;
                } else {
                    bad++;
                    if (firstBadLine == null) {
                        firstBadLine = line;
                    }
                }
                firstLine = false;
            }
            if (out.isEmpty()) {
                throw new MailParseException("Not a mail: no well-formed header field (\"Name: value\") in the "
                        + "header section; it starts with " + describe(raw, start));
            }
            if (!firstWellFormed && bad > out.size()) {
                throw new MailParseException("Not a mail: the header section is mostly not header fields ("
                        + bad + " malformed lines, " + out.size() + " well-formed); it starts with "
                        + describe(raw, start));
            }
            return out;
        }

        private static boolean isFieldName(String name) {
            if (name.isEmpty() || name.length() > 200) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c < 33 || c > 126) {
                    return false;
                }
            }
            return true;
        }

        private static String describe(byte[] b, int from) {
            StringBuilder sb = new StringBuilder("\"");
            int end = Math.min(b.length, from + 40);
            for (int i = from; i < end; i++) {
                int c = b[i] & 0xFF;
                if (c >= 32 && c < 127 && c != '"' && c != '\\') {
                    sb.append((char) c);
                } else {
                    sb.append(String.format("\\x%02X", c));
                }
            }
            sb.append('"');
            if (end < b.length) {
                sb.append("...");
            }
            return sb.toString();
        }

        // ------------------------------------------------------------------ MIME structure

        private Node walk(Part part, String path, int level, String parentSubtype, boolean root)
                throws MessagingException, IOException, MailParseException {
            ContentBudget.check("mime parsing");
            stage = "reading the headers of part " + path;
            HeaderParams ct = HeaderParams.parse(first(part.getHeader("Content-Type")));
            String type = mediaType(ct.value, parentSubtype);
            String cte = TransferDecoding.normalize(first(part.getHeader("Content-Transfer-Encoding")));

            if (type.startsWith("multipart/")) {
                int childLevel = level + 1;
                if (childLevel > MAX_DEPTH) {
                    throw new MailParseException("MIME structure nested deeper than " + MAX_DEPTH
                            + " levels (multipart inside multipart at part " + truncate(path, 60)
                            + "); refusing to parse it");
                }
                stage = "splitting " + type + " part " + path + " at its boundaries";
                InputStream body = rawStream(part);
                if (!TransferDecoding.isIdentity(cte)) {
                    // not allowed by RFC 2045, but seen: a base64-encoded multipart
                    body = new SharedByteArrayInputStream(TransferDecoding.decode(body.readAllBytes(), cte));
                }
                MimeMultipart mp = new LenientMultipart(new BodySource(type, ct.raw("boundary"), body));
                int count;
                try {
                    count = mp.getCount();
                } catch (MessagingException e) {
                    count = 0;
                }
                if (count == 0) {
                    // no part found: the body up to a stray delimiter line is the text the sender wrote
                    Leaf text = new Leaf(part, path, "text/plain", null, HeaderParams.parse(null),
                            HeaderParams.parse(null), cte, root, parentSubtype, null);
                    text.override = cutAtDelimiter(content(text), ct.raw("boundary"));
                    leaves.add(text);
                    return new Node(text, null, null);
                }
                String subtype = type.substring("multipart/".length());
                List<Node> children = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    children.add(walk(mp.getBodyPart(i), path + "." + (i + 1), childLevel, subtype, false));
                }
                return new Node(null, subtype, children);
            }
            HeaderParams cd = HeaderParams.parse(first(part.getHeader("Content-Disposition")));
            String cid = contentId(first(part.getHeader("Content-ID")));
            String charset = ct.raw("charset");
            Leaf leaf = new Leaf(part, path, type, charset == null ? null : charset.trim(), ct, cd, cte, root,
                    parentSubtype, cid);
            leaves.add(leaf);
            return new Node(leaf, null, null);
        }

        private static final Pattern TOKEN = Pattern.compile("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+");

        /** The lower-case base type; RFC 2045 defaults for a missing or invalid Content-Type. */
        static String mediaType(String value, String parentSubtype) {
            String v = value;
            int sp = 0;
            while (sp < v.length() && !Character.isWhitespace(v.charAt(sp))) {
                sp++;
            }
            v = v.substring(0, sp);
            if (TOKEN.matcher(v).matches()) {
                return v;
            }
            if (v.equals("text")) {
                return "text/plain";
            }
            return "digest".equals(parentSubtype) ? "message/rfc822" : "text/plain";
        }

        private static String contentId(String value) {
            if (value == null) {
                return null;
            }
            String s = MailText.unfold(value).trim();
            if (s.startsWith("<")) {
                s = s.substring(1);
            }
            int gt = s.indexOf('>');
            if (gt >= 0) {
                s = s.substring(0, gt);
            }
            s = s.trim();
            return s.isEmpty() ? null : s;
        }

        // ------------------------------------------------------------------ decoding

        private Charset firstDeclaredTextCharset() {
            for (Leaf l : leaves) {
                if (l.type.startsWith("text/") && l.charset != null) {
                    Charset c = CharsetDetection.lookup(l.charset);
                    if (c != null && !c.equals(StandardCharsets.US_ASCII)) {
                        return c;
                    }
                }
            }
            return null;
        }

        /**
         * One charset for all raw 8-bit header values that are not UTF-8, detected over all of them at once
         * (a subject alone is often too short to tell windows-1251 from KOI8-R).
         */
        private Charset detectHeaderCharset(List<RawHeader> headers) {
            StringBuilder all = new StringBuilder();
            for (RawHeader h : headers) {
                String v = h.value;
                if (!has8bit(v)) {
                    continue;
                }
                byte[] b = v.getBytes(StandardCharsets.ISO_8859_1);
                if (CharsetDetection.isValidUtf8(b)) {
                    continue;
                }
                all.append(v).append(' ');
            }
            if (all.length() == 0) {
                return null;
            }
            byte[] b = all.toString().getBytes(StandardCharsets.ISO_8859_1);
            return CharsetDetection.detect(b, 0, b.length, bodyHint);
        }

        private static boolean has8bit(String v) {
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if (c >= 0x80 && c <= 0xFF) {
                    return true;
                }
                if (c > 0xFF) {
                    return false; // already decoded by someone else
                }
            }
            return false;
        }

        /** Hint for 8-bit text without a declared charset anywhere. */
        private Charset hint() {
            return headerCharset != null ? headerCharset : bodyHint;
        }

        /** Raw 8-bit bytes of a top-level header value back to text. */
        private String recover(String v) {
            if (v == null || !has8bit(v)) {
                return CharsetDetection.recover8bit(v, hint()); // ESC sequences (ISO-2022-JP) or unchanged
            }
            byte[] b = v.getBytes(StandardCharsets.ISO_8859_1);
            if (CharsetDetection.isValidUtf8(b)) {
                return new String(b, StandardCharsets.UTF_8);
            }
            if (headerCharset != null) {
                return CharsetDetection.decodeWith(b, 0, b.length, headerCharset);
            }
            return CharsetDetection.recover8bit(v, bodyHint);
        }

        /** An unstructured header value for display: unfolded, 8-bit recovered, encoded words decoded. */
        private String text(String rawValue) {
            if (rawValue == null) {
                return null;
            }
            return MailText.clean(EncodedWords.decode(recover(MailText.unfold(rawValue)), hint()));
        }

        /** The bytes before the first line that starts with "--" + boundary (all of them without one). */
        private static byte[] cutAtDelimiter(byte[] body, String boundary) {
            if (boundary == null || boundary.isEmpty()) {
                return body;
            }
            byte[] delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
            int lineStart = 0;
            while (lineStart <= body.length - delim.length) {
                boolean match = true;
                for (int k = 0; k < delim.length; k++) {
                    if (body[lineStart + k] != delim[k]) {
                        match = false;
                        break;
                    }
                }
                if (match) {
                    int end = lineStart;
                    if (end > 0 && body[end - 1] == '\n') {
                        end--;
                    }
                    if (end > 0 && body[end - 1] == '\r') {
                        end--;
                    }
                    return java.util.Arrays.copyOf(body, end);
                }
                int nl = lineStart;
                while (nl < body.length && body[nl] != '\n' && body[nl] != '\r') {
                    nl++;
                }
                if (nl < body.length && body[nl] == '\r' && nl + 1 < body.length && body[nl + 1] == '\n') {
                    nl++;
                }
                lineStart = nl + 1;
            }
            return body;
        }

        private byte[] content(Leaf l) throws MessagingException, IOException {
            if (l.override != null) {
                return l.override;
            }
            try (InputStream in = rawStream(l.part)) {
                if (in instanceof RawBytesStream bytes) {
                    return TransferDecoding.decode(bytes.buffer(), bytes.offset(), bytes.length(), l.cte);
                }
                return TransferDecoding.decode(in.readAllBytes(), l.cte);
            }
        }

        private String decodeText(Leaf l, boolean html) throws MessagingException, IOException {
            ContentBudget.check("charset detection");
            byte[] c = content(l);
            String label = l.charset;
            if (html && (label == null || CharsetDetection.lookup(label) == null)) {
                String meta = metaCharset(c);
                if (meta != null) {
                    label = meta;
                }
            }
            String s = CharsetDetection.decode(c, 0, c.length, label, hint());
            return MailText.normalizeLineEnds(CharsetDetection.stripBom(s));
        }

        private static final Pattern META_CHARSET = Pattern.compile(
                "<meta[^>]{0,200}?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_.:-]{2,40})", Pattern.CASE_INSENSITIVE);

        private static String metaCharset(byte[] html) {
            String head = CharsetDetection.latin1(html, 0, Math.min(html.length, 4096));
            Matcher m = META_CHARSET.matcher(head);
            return m.find() ? m.group(1) : null;
        }

        private MailAttachment attachment(Leaf l, int index) throws MessagingException, IOException {
            byte[] content = content(l);
            String name = fileName(l);
            boolean generated = name == null;
            boolean message = l.type.equals("message/rfc822") || l.type.equals("message/global");
            if (name == null && message) {
                name = attachedMailName(content);
            }
            if (name == null) {
                name = "attachment-" + index + "." + extension(l.type);
            }
            boolean inline = "inline".equals(l.dispositionType())
                    || l.dispositionType() == null && l.contentId != null && "related".equals(l.parentSubtype);
            return new MailAttachment(name, l.type, l.contentId, inline, content, l.charset, generated);
        }

        private String fileName(Leaf l) {
            Charset hint = hint();
            String name = l.disposition.decoded("filename", hint);
            if (name == null || name.isBlank()) {
                name = l.contentType.decoded("name", hint);
            }
            if (name == null) {
                return null;
            }
            name = MailText.clean(name);
            int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
            if (slash >= 0) {
                name = name.substring(slash + 1).trim();
            }
            return name.isEmpty() ? null : name;
        }

        /** "Subject.eml" of an attached mail, or "message.eml". */
        private String attachedMailName(byte[] content) {
            String subject = null;
            try {
                InternetHeaders h = new InternetHeaders(new ByteArrayInputStream(content));
                subject = first(h.getHeader("Subject"));
            } catch (MessagingException | RuntimeException e) {
                // not readable as a mail: generic name
            }
            if (subject == null) {
                return "message.eml";
            }
            String s = MailText.clean(EncodedWords.decode(
                    CharsetDetection.recover8bit(MailText.unfold(subject), hint()), hint()));
            s = s.replace('/', '_').replace('\\', '_');
            if (s.length() > 200) {
                s = s.substring(0, 200).trim();
            }
            return s.isEmpty() ? "message.eml" : s + ".eml";
        }

        private static final Map<String, String> EXTENSIONS = Map.ofEntries(
                Map.entry("text/plain", "txt"),
                Map.entry("text/html", "html"),
                Map.entry("text/calendar", "ics"),
                Map.entry("text/csv", "csv"),
                Map.entry("text/xml", "xml"),
                Map.entry("text/vcard", "vcf"),
                Map.entry("text/x-vcard", "vcf"),
                Map.entry("text/rfc822-headers", "txt"),
                Map.entry("message/rfc822", "eml"),
                Map.entry("message/global", "eml"),
                Map.entry("message/delivery-status", "txt"),
                Map.entry("message/global-delivery-status", "txt"),
                Map.entry("message/disposition-notification", "txt"),
                Map.entry("image/png", "png"),
                Map.entry("image/jpeg", "jpg"),
                Map.entry("image/jpg", "jpg"),
                Map.entry("image/pjpeg", "jpg"),
                Map.entry("image/gif", "gif"),
                Map.entry("image/bmp", "bmp"),
                Map.entry("image/webp", "webp"),
                Map.entry("image/tiff", "tif"),
                Map.entry("image/svg+xml", "svg"),
                Map.entry("image/heic", "heic"),
                Map.entry("image/x-icon", "ico"),
                Map.entry("application/pdf", "pdf"),
                Map.entry("application/zip", "zip"),
                Map.entry("application/x-zip-compressed", "zip"),
                Map.entry("application/gzip", "gz"),
                Map.entry("application/x-7z-compressed", "7z"),
                Map.entry("application/x-rar-compressed", "rar"),
                Map.entry("application/vnd.rar", "rar"),
                Map.entry("application/json", "json"),
                Map.entry("application/xml", "xml"),
                Map.entry("application/msword", "doc"),
                Map.entry("application/vnd.ms-excel", "xls"),
                Map.entry("application/vnd.ms-powerpoint", "ppt"),
                Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
                Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
                Map.entry("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
                Map.entry("application/vnd.oasis.opendocument.text", "odt"),
                Map.entry("application/vnd.oasis.opendocument.spreadsheet", "ods"),
                Map.entry("application/rtf", "rtf"),
                Map.entry("application/ms-tnef", "dat"),
                Map.entry("application/vnd.ms-tnef", "dat"),
                Map.entry("application/pgp-signature", "asc"),
                Map.entry("application/pkcs7-signature", "p7s"),
                Map.entry("application/x-pkcs7-signature", "p7s"),
                Map.entry("application/ics", "ics"),
                Map.entry("audio/mpeg", "mp3"),
                Map.entry("audio/wav", "wav"),
                Map.entry("video/mp4", "mp4"));

        static String extension(String type) {
            String ext = EXTENSIONS.get(type);
            if (ext != null) {
                return ext;
            }
            return type.startsWith("text/") ? "txt" : "bin";
        }

        // ------------------------------------------------------------------ top-level fields

        private InboundMail fields(List<RawHeader> headers, String text, String html,
                List<MailAttachment> attachments) {
            List<MailAddress> from = addresses(headers, "From");
            List<MailAddress> delivered = new ArrayList<>(addresses(headers, "Delivered-To"));
            delivered.addAll(addresses(headers, "X-Original-To"));
            Set<String> seen = new HashSet<>();
            delivered.removeIf(a -> !seen.add(a.normalized()));

            StringBuilder refs = new StringBuilder();
            for (RawHeader h : headers) {
                if (h.name.equalsIgnoreCase("References")) {
                    refs.append(h.value).append(' ');
                }
            }
            List<String> inReplyTo = MailText.messageIds(recover(firstValue(headers, "In-Reply-To")));

            List<MailHeader> decoded = new ArrayList<>(headers.size());
            for (RawHeader h : headers) {
                decoded.add(new MailHeader(h.name, text(h.value)));
            }
            String subject = text(firstValue(headers, "Subject"));
            if (from.isEmpty()) {
                // "MAILER-DAEMON <>": no address, but the name tells who sent it (bounce recognition reads it)
                String raw = firstValue(headers, "From");
                from = raw == null ? from : Addresses.nameOnly(recover(MailText.unfold(raw)), hint());
            }
            return new InboundMail(
                    from.isEmpty() ? null : from.get(0),
                    addresses(headers, "To"),
                    addresses(headers, "Cc"),
                    addresses(headers, "Reply-To"),
                    delivered,
                    subject == null ? "" : subject,
                    MailText.date(firstValue(headers, "Date")),
                    MailText.messageId(recover(firstValue(headers, "Message-ID"))),
                    inReplyTo.isEmpty() ? null : inReplyTo.get(0),
                    MailText.trimReferences(MailText.messageIds(recover(refs.toString()))),
                    text == null ? "" : text,
                    html,
                    attachments,
                    decoded).withReport();
        }

        private List<MailAddress> addresses(List<RawHeader> headers, String name) {
            List<MailAddress> out = new ArrayList<>();
            for (RawHeader h : headers) {
                if (h.name.equalsIgnoreCase(name)) {
                    out.addAll(Addresses.parse(recover(MailText.unfold(h.value)), hint()));
                }
            }
            return out;
        }

        private static String firstValue(List<RawHeader> headers, String name) {
            for (RawHeader h : headers) {
                if (h.name.equalsIgnoreCase(name)) {
                    return h.value;
                }
            }
            return null;
        }
    }

    // =====================================================================================================

    private static String first(String[] values) {
        return values == null || values.length == 0 ? null : values[0];
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }

    private static InputStream rawStream(Part part) throws MessagingException {
        if (part instanceof MimeBodyPart b) {
            return b.getRawInputStream();
        }
        if (part instanceof MimeMessage m) {
            return m.getRawInputStream();
        }
        throw new MessagingException("unexpected part class " + part.getClass().getName());
    }

    /** MimeMultipart with lenient parsing fixed in code rather than read from System properties. */
    private static final class LenientMultipart extends MimeMultipart {
        LenientMultipart(DataSource ds) throws MessagingException {
            super(ds);
        }

        @Override
        protected void initializeProperties() {
            ignoreMissingEndBoundary = true;
            ignoreMissingBoundaryParameter = true;
            ignoreExistingBoundaryParameter = false;
            allowEmpty = true;
        }
    }

    /** The body of a multipart part, with a Content-Type rebuilt from our own lenient parse. */
    private static final class BodySource implements DataSource {
        private final String contentType;
        private final InputStream in;

        BodySource(String type, String boundary, InputStream in) {
            StringBuilder ct = new StringBuilder(type);
            if (boundary != null && !boundary.isEmpty()) {
                ct.append("; boundary=\"");
                for (int i = 0; i < boundary.length(); i++) {
                    char c = boundary.charAt(i);
                    if (c == '"' || c == '\\') {
                        ct.append('\\');
                    }
                    if (c != '\r' && c != '\n') {
                        ct.append(c);
                    }
                }
                ct.append('"');
            }
            this.contentType = ct.toString();
            this.in = in;
        }

        @Override
        public InputStream getInputStream() {
            return in;
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            throw new IOException("read-only");
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getName() {
            return "";
        }
    }

    /**
     * A part's bytes inside the raw mail, readable in place: decoding an attachment reads straight from the
     * mail's array instead of first copying the part out of it (a 25 MB attachment is 34 MB of base64).
     * Jakarta Mail makes every part's stream with {@link #newStream}, so all of them are of this class.
     */
    static final class RawBytesStream extends SharedByteArrayInputStream {

        RawBytesStream(byte[] buf, int offset, int length) {
            super(buf, offset, length);
        }

        @Override
        public InputStream newStream(long from, long to) {
            int end = to == -1 ? count - start : (int) to;
            return new RawBytesStream(buf, start + (int) from, end - (int) from);
        }

        byte[] buffer() {
            return buf;
        }

        /** Where the unread bytes begin in {@link #buffer()}. */
        int offset() {
            return pos;
        }

        int length() {
            return count - pos;
        }
    }
}
