package dev.mailtask.mail;

/**
 * A decoded attachment or inline part.
 *
 * @param fileName      decoded file name (RFC 2231 / RFC 2047 / undeclared 8-bit), never null; a generated
 *                      name such as {@code attachment-1.bin} when the mail gives none
 * @param contentType   lower-case base MIME type, e.g. {@code image/png}
 * @param contentId     Content-ID without angle brackets, or null
 * @param inline        true for {@code Content-Disposition: inline} parts referenced from the HTML
 * @param content       the decoded bytes
 * @param charset       the charset label the part declares (text parts), or null
 * @param generatedName true when the mail gave no name and {@code fileName} is ours (attachment-N.ext,
 *                      Subject.eml of an attached mail, Untitled Attachment of winmail.dat)
 */
public record MailAttachment(String fileName, String contentType, String contentId, boolean inline, byte[] content,
        String charset, boolean generatedName) {

    public MailAttachment(String fileName, String contentType, String contentId, boolean inline, byte[] content) {
        this(fileName, contentType, contentId, inline, content, null, false);
    }

    public long size() {
        return content.length;
    }
}
