package dev.mailtask.mail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.hmef.Attachment;
import org.apache.poi.hmef.HMEFMessage;
import org.apache.poi.hmef.attribute.MAPIAttribute;
import org.apache.poi.hmef.attribute.MAPIRtfAttribute;
import org.apache.poi.hmef.attribute.MAPIStringAttribute;
import org.apache.poi.hsmf.datatypes.MAPIProperty;

/**
 * winmail.dat (TNEF, application/ms-tnef) read with Apache POI's HMEF: its attachments become ordinary
 * attachments, and its body (HTML, plain text, or compressed RTF kept as {@code body.rtf}) is offered as the
 * mail's body when the mail has none of its own. Never throws: a stream POI cannot read yields null and the
 * caller keeps winmail.dat as it is.
 */
final class Tnef {

    /** What a winmail.dat holds. */
    record Content(List<MailAttachment> attachments, String html, String text) {
    }

    private Tnef() {
    }

    static boolean isTnef(String type, String fileName) {
        return type.equals("application/ms-tnef") || type.equals("application/vnd.ms-tnef")
                || fileName != null && fileName.equalsIgnoreCase("winmail.dat")
                        && type.equals("application/octet-stream");
    }

    static Content read(byte[] data) {
        try {
            HMEFMessage msg = new HMEFMessage(new ByteArrayInputStream(data));
            List<MailAttachment> out = new ArrayList<>();
            for (Attachment a : msg.getAttachments()) {
                byte[] bytes;
                try {
                    bytes = a.getContents();
                } catch (RuntimeException e) {
                    bytes = null;
                }
                if (bytes == null) {
                    // the data as a MAPI object property (PT_OBJECT: a 16-byte interface id, then the bytes)
                    MAPIAttribute obj = attr(a, MAPIProperty.ATTACH_DATA);
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
                // RTF only: kept as a file (nothing is lost); a reader opens it in any word processor
                out.add(new MailAttachment("body.rtf", "application/rtf", null, false,
                        r.getDataString().getBytes(StandardCharsets.ISO_8859_1), null, true));
            }
            return new Content(out, html, text);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            // POI throws many kinds on corrupt streams; the caller keeps winmail.dat itself
            return null;
        }
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
