package dev.mailtask.intake;

import dev.mailtask.store.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * What a mail is, apart from how it travelled: a SHA-256 of its origin header fields (as the author's
 * client wrote them) and its body. Two copies of one mail (polled twice, delivered once per address) hash
 * alike although their trace fields differ (Received, Delivered-To, Return-Path, a filter's X- headers);
 * another mail that reuses a Message-ID does not. Line ends and trailing blank lines are ignored, as servers
 * store them differently.
 */
final class ContentHash {

    /** The fields the author's client writes and no server on the way changes. */
    private static final Set<String> ORIGIN_FIELDS = Set.of("from", "sender", "reply-to", "to", "cc", "subject",
            "date", "message-id", "in-reply-to", "references", "mime-version", "content-type",
            "content-transfer-encoding");

    private ContentHash() {
    }

    /** Lower-case hex of the SHA-256 over the origin fields and the body. */
    static String of(byte[] raw) {
        MessageDigest digest = Sha256.newDigest();
        int bodyStart = headerEnd(raw);
        hashOriginFields(digest, raw, bodyStart);
        digest.update((byte) 0);
        int end = raw.length;
        while (end > bodyStart && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) {
            end--;
        }
        // the body without CRs, in pieces (a 50 MB body is not copied whole)
        byte[] piece = new byte[8192];
        int n = 0;
        for (int i = bodyStart; i < end; i++) {
            if (raw[i] != '\r') {
                piece[n++] = raw[i];
                if (n == piece.length) {
                    digest.update(piece, 0, n);
                    n = 0;
                }
            }
        }
        digest.update(piece, 0, n);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Index of the body's first byte: after the first empty line, or the end when there is none. */
    private static int headerEnd(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n') {
                int next = i + 1;
                if (next < raw.length && raw[next] == '\r') {
                    next++;
                }
                if (next < raw.length && raw[next] == '\n') {
                    return next + 1;
                }
                if (next >= raw.length) {
                    return raw.length;
                }
            }
        }
        return raw.length;
    }

    /** Each origin field as "name:value" with folding and runs of white space made one space. */
    private static void hashOriginFields(MessageDigest digest, byte[] raw, int headerEnd) {
        int i = 0;
        while (i < headerEnd) {
            int lineEnd = i;
            while (lineEnd < headerEnd && raw[lineEnd] != '\n') {
                lineEnd++;
            }
            // the field goes on while the next line starts with white space
            int fieldEnd = lineEnd;
            while (fieldEnd + 1 < headerEnd && (raw[fieldEnd + 1] == ' ' || raw[fieldEnd + 1] == '\t')) {
                fieldEnd++;
                while (fieldEnd < headerEnd && raw[fieldEnd] != '\n') {
                    fieldEnd++;
                }
            }
            int colon = i;
            while (colon < fieldEnd && raw[colon] != ':') {
                colon++;
            }
            if (colon < fieldEnd && colon - i <= 40) {
                String name = new String(raw, i, colon - i, StandardCharsets.ISO_8859_1).strip()
                        .toLowerCase(Locale.ROOT);
                if (ORIGIN_FIELDS.contains(name)) {
                    digest.update(name.getBytes(StandardCharsets.ISO_8859_1));
                    digest.update((byte) ':');
                    boolean space = true;
                    for (int k = colon + 1; k < fieldEnd; k++) {
                        byte b = raw[k];
                        boolean white = b == ' ' || b == '\t' || b == '\r' || b == '\n';
                        if (white) {
                            space = true;
                            continue;
                        }
                        if (space) {
                            digest.update((byte) ' ');
                            space = false;
                        }
                        digest.update(b);
                    }
                    digest.update((byte) '\n');
                }
            }
            i = fieldEnd + 1;
        }
    }
}
