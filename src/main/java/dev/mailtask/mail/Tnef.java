package dev.mailtask.mail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;

import org.apache.poi.hmef.Attachment;
import org.apache.poi.hmef.HMEFMessage;
import org.apache.poi.hmef.attribute.MAPIAttribute;
import org.apache.poi.hmef.attribute.MAPIDateAttribute;
import org.apache.poi.hmef.attribute.MAPIRtfAttribute;
import org.apache.poi.hmef.attribute.MAPIStringAttribute;
import org.apache.poi.hsmf.datatypes.MAPIProperty;
import org.apache.poi.util.LittleEndian;

/**
 * winmail.dat (TNEF, application/ms-tnef) read with Apache POI's HMEF: its attachments become ordinary
 * attachments (embedded Outlook items as {@code Subject.eml} mails), and its body (HTML, plain text, or
 * compressed RTF read by {@link Rtf}, which also stays as {@code body.rtf} unless it only wraps HTML) is
 * offered as the mail's body when the mail has none of its own. Never throws: a stream POI cannot read yields null and the
 * caller keeps winmail.dat as it is.
 */
final class Tnef {

    /** What a winmail.dat holds. */
    record Content(List<MailAttachment> attachments, String html, String text, HMEFMessage message) {
    }

    private Tnef() {
    }

    static boolean isTnef(String type, String fileName) {
        return type.equals("application/ms-tnef") || type.equals("application/vnd.ms-tnef")
                || fileName != null && fileName.equalsIgnoreCase("winmail.dat")
                        && type.equals("application/octet-stream");
    }

    static Content read(byte[] data) {
        return read(data, 0);
    }

    /** Embedded messages inside embedded messages: how deep we follow them. */
    private static final int MAX_DEPTH = 3;

    private static final int ATTACH_EMBEDDED_MSG = 5;

    private static Content read(byte[] data, int depth) {
        try {
            HMEFMessage msg = new HMEFMessage(new ByteArrayInputStream(data));
            List<MailAttachment> out = new ArrayList<>();
            for (Attachment a : msg.getAttachments()) {
                MAPIAttribute obj = attr(a, MAPIProperty.ATTACH_DATA);
                if (intValue(attr(a, MAPIProperty.ATTACH_METHOD)) == ATTACH_EMBEDDED_MSG && depth < MAX_DEPTH
                        && obj != null && obj.getData() != null && obj.getData().length > 16) {
                    // an Outlook item (mail, task, appointment) attached to the mail: a TNEF stream of its own
                    MailAttachment eml = embeddedMessage(
                            java.util.Arrays.copyOfRange(obj.getData(), 16, obj.getData().length),
                            string(attr(a, MAPIProperty.DISPLAY_NAME)), depth);
                    if (eml != null) {
                        out.add(eml);
                        continue;
                    }
                }
                byte[] bytes;
                try {
                    bytes = a.getContents();
                } catch (RuntimeException e) {
                    bytes = null;
                }
                if (bytes == null) {
                    // the data as a MAPI object property (PT_OBJECT: a 16-byte interface id, then the bytes)
                    if (obj != null && obj.getData() != null && obj.getData().length > 16) {
                        bytes = java.util.Arrays.copyOfRange(obj.getData(), obj.getType() == 0x000D ? 16 : 0,
                                obj.getData().length);
                    }
                }
                if (bytes == null) {
                    continue; // an embedded OLE object or a bare attribute set: nothing to hand out
                }
                String name = string(attr(a, MAPIProperty.ATTACH_LONG_FILENAME));
                if (blank(name)) {
                    name = safe(a::getLongFilename);
                }
                if (blank(name)) {
                    name = safe(a::getFilename);
                }
                boolean generated = blank(name);
                if (generated) {
                    name = "Untitled Attachment"; // Outlook's own name for it
                } else {
                    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
                    name = name.substring(slash + 1).trim();
                }
                String mime = string(attr(a, MAPIProperty.ATTACH_MIME_TAG));
                String type = blank(mime) ? typeOf(name) : mime.trim().toLowerCase(Locale.ROOT);
                String cid = string(attr(a, MAPIProperty.ATTACH_CONTENT_ID));
                if (cid != null) {
                    cid = cid.trim().replaceAll("^<|>$", "");
                    cid = cid.isEmpty() ? null : cid;
                }
                out.add(new MailAttachment(name, type, cid, cid != null, bytes, null, generated));
            }
            String html = null;
            MAPIAttribute h = mapi(msg, MAPIProperty.BODY_HTML);
            if (h != null) {
                byte[] b = h.getData();
                html = h instanceof MAPIStringAttribute s ? s.getDataString()
                        : CharsetDetection.decode(b, 0, trimNul(b), metaCharset(b), null);
            }
            String text = string(mapi(msg, MAPIProperty.BODY));
            MAPIAttribute rtf = mapi(msg, MAPIProperty.RTF_COMPRESSED);
            if (html == null && text == null && rtf instanceof MAPIRtfAttribute r && r.getDataString() != null) {
                Rtf.Body body = Rtf.read(r.getDataString());
                if (body != null) {
                    html = body.html();
                    text = body.text();
                }
                // RTF made from HTML gives the HTML back whole; other RTF loses its formatting, tables and
                // pictures in the text, so the original is kept as a file too
                if (body == null || body.html() == null) {
                    out.add(new MailAttachment("body.rtf", "application/rtf", null, false,
                            r.getDataString().getBytes(StandardCharsets.ISO_8859_1), null, true));
                }
            }
            return new Content(out, html, text, msg);
        } catch (ContentBudget.Exceeded e) {
            throw e;
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            // POI throws many kinds on corrupt streams; the caller keeps winmail.dat itself
            return null;
        }
    }

    /**
     * An Outlook item embedded in a winmail.dat, as a mail of its own named "Title.eml": the
     * subject, sender, date and Message-ID Outlook kept, its body and its attachments. Recipients are
     * not kept: POI does not read TNEF recipient tables. Null when the stream cannot be read.
     */
    private static MailAttachment embeddedMessage(byte[] tnef, String displayName, int depth) {
        Content c = read(tnef, depth + 1);
        if (c == null) {
            return null;
        }
        try {
            HMEFMessage m = c.message();
            String subject = string(mapi(m, MAPIProperty.SUBJECT));
            if (blank(subject)) {
                subject = safe(m::getSubject);
            }
            if (blank(subject)) {
                subject = displayName;
            }
            MimeMessage eml = new MimeMessage((jakarta.mail.Session) null);
            String senderName = string(mapi(m, MAPIProperty.SENDER_NAME));
            String senderEmail = string(mapi(m, MAPIProperty.SENDER_EMAIL_ADDRESS));
            if (blank(senderEmail) || senderEmail.indexOf('@') < 0) {
                senderEmail = string(mapi(m, MAPIProperty.SENT_REPRESENTING_EMAIL_ADDRESS));
            }
            if (!blank(senderEmail) && senderEmail.indexOf('@') > 0) {
                eml.setFrom(new InternetAddress(senderEmail.trim(), blank(senderName) ? null : senderName.trim(),
                        "UTF-8"));
            } else if (!blank(senderName)) {
                // Exchange keeps only an X.500 address for internal senders: the name, with the empty address
                String n = senderName.trim();
                String phrase = n.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7F)
                        ? "\"" + n.replace("\\", "\\\\").replace("\"", "\\\"") + "\""
                        : MimeUtility.encodeWord(n, "UTF-8", "B");
                eml.setHeader("From", MimeUtility.fold(6, phrase + " <>"));
            }
            if (!blank(subject)) {
                eml.setSubject(subject.trim(), "UTF-8");
            }
            MAPIAttribute sent = mapi(m, MAPIProperty.CLIENT_SUBMIT_TIME);
            if (sent instanceof MAPIDateAttribute d && d.getDate() != null) {
                eml.setSentDate(d.getDate());
            }
            MimeBodyPart text = null;
            if (c.text() != null) {
                text = new MimeBodyPart();
                text.setText(c.text(), "UTF-8");
            }
            MimeBodyPart html = null;
            if (c.html() != null) {
                html = new MimeBodyPart();
                html.setText(c.html(), "UTF-8", "html");
            }
            MimeMultipart body = null;
            if (text != null && html != null) {
                body = new MimeMultipart("alternative");
                body.addBodyPart(text);
                body.addBodyPart(html);
            }
            if (c.attachments().isEmpty()) {
                if (body != null) {
                    eml.setContent(body);
                } else if (html != null) {
                    eml.setText(c.html(), "UTF-8", "html");
                } else {
                    eml.setText(c.text() == null ? "" : c.text(), "UTF-8");
                }
            } else {
                MimeMultipart mixed = new MimeMultipart("mixed");
                if (body != null) {
                    MimeBodyPart alt = new MimeBodyPart();
                    alt.setContent(body);
                    mixed.addBodyPart(alt);
                } else if (html != null || text != null) {
                    mixed.addBodyPart(html != null ? html : text);
                }
                for (MailAttachment a : c.attachments()) {
                    MimeBodyPart p = new MimeBodyPart();
                    p.setDataHandler(new jakarta.activation.DataHandler(
                            new ByteArrayDataSource(a.content(), a.contentType())));
                    p.setFileName(a.fileName());
                    p.setDisposition(a.inline() ? Part.INLINE : Part.ATTACHMENT);
                    if (a.contentId() != null) {
                        p.setContentID("<" + a.contentId() + ">");
                    }
                    mixed.addBodyPart(p);
                }
                eml.setContent(mixed);
            }
            eml.saveChanges();
            String id = string(mapi(m, MAPIProperty.INTERNET_MESSAGE_ID));
            if (blank(id)) {
                eml.removeHeader("Message-ID"); // Jakarta Mail's own would look like the item's
            } else {
                eml.setHeader("Message-ID", id.trim());
            }
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            eml.writeTo(bytes);
            // named as Outlook shows the attachment (its display name), else by the item's subject
            String title = blank(displayName) ? subject : displayName;
            String name = blank(title) ? "message" : MailText.clean(title).replace('/', '_').replace('\\', '_');
            if (name.length() > 200) {
                name = name.substring(0, 200).trim();
            }
            return new MailAttachment(name + ".eml", "message/rfc822", null, false, bytes.toByteArray(), null,
                    true);
        } catch (Exception e) {
            return null;
        }
    }

    private static int intValue(MAPIAttribute a) {
        byte[] d = a == null ? null : a.getData();
        return d == null || d.length < 4 ? -1 : LittleEndian.getInt(d, 0);
    }

    private static MAPIAttribute mapi(HMEFMessage msg, MAPIProperty p) {
        try {
            return msg.getMessageMAPIAttribute(p);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static MAPIAttribute attr(Attachment a, MAPIProperty p) {
        try {
            return a.getMAPIAttribute(p);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String safe(java.util.function.Supplier<String> s) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static int trimNul(byte[] b) {
        int n = b.length;
        while (n > 0 && b[n - 1] == 0) {
            n--;
        }
        return n;
    }

    private static String metaCharset(byte[] html) {
        String head = CharsetDetection.latin1(html, 0, Math.min(html.length, 4096)).toLowerCase(Locale.ROOT);
        int i = head.indexOf("charset=");
        if (i < 0) {
            return null;
        }
        int s = i + 8;
        while (s < head.length() && (head.charAt(s) == '"' || head.charAt(s) == '\'')) {
            s++;
        }
        int e = s;
        while (e < head.length() && (Character.isLetterOrDigit(head.charAt(e)) || "-_.:".indexOf(head.charAt(e)) >= 0)) {
            e++;
        }
        return e > s ? head.substring(s, e) : null;
    }

    private static String string(MAPIAttribute a) {
        if (a == null) {
            return null;
        }
        try {
            String s = MAPIStringAttribute.getAsString(a);
            if (s == null) {
                return null;
            }
            int nul = s.indexOf('\0');
            return nul >= 0 ? s.substring(0, nul) : s;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** A MIME type from a file name's extension, for parts that name no type. */
    static String typeOf(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot + 1);
        return switch (ext) {
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "gif" -> "image/gif";
            case "pdf" -> "application/pdf";
            case "htm", "html" -> "text/html";
            case "txt", "ini", "cfg", "bat", "sys" -> "text/plain";
            case "doc" -> "application/msword";
            case "xls" -> "application/vnd.ms-excel";
            case "rtf" -> "application/rtf";
            case "mp3" -> "audio/mpeg";
            case "zip" -> "application/zip";
            case "eml" -> "message/rfc822";
            default -> "application/octet-stream";
        };
    }
}
